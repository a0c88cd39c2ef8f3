using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auction.Grains.Persistence;

/// <summary>
/// A local, durable queue of finished transactions not yet stored in PostgreSQL: one JSON document per line in one
/// file, appended and flushed to the disk (fsync) before <see cref="Append"/> returns, so a record survives a SIGKILL
/// of the process the moment the consumer may answer. Opening the file reads back what a previous process left
/// (<see cref="Pending"/>); <see cref="MarkStored"/> trims it. The file is locked while open: two silos never share it.
/// </summary>
/// <remarks>
/// A crash in the middle of an append leaves a torn last line: that record's append never returned, so nobody was
/// told it finished; the torn bytes are cut off when the file is opened. Trimming writes the remaining records to a
/// new file and renames it over the old one, so a crash while trimming leaves either the old or the new file whole.
/// </remarks>
public sealed class TransactionOutbox : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly object _lock = new();
    // Insertion order kept, so that a replay stores records in the order they finished.
    private readonly Dictionary<Guid, TransactionRecord> _pending = new();
    private readonly List<Guid> _order = [];
    private readonly int _compactAfter;
    private readonly Func<string, FileStream> _openFile;
    private FileStream _file;
    private int _storedSinceCompaction;
    private bool _disposed;
    private readonly IDisposable _depthGauge;

    /// <summary>Opens (or creates) the outbox file and reads back the records a previous process left in it.</summary>
    /// <param name="compactAfter">Rewrite the file after this many records were stored (an empty outbox is truncated at once).</param>
    /// <param name="openFile">
    /// Opens (or creates) a file, unbuffered, for reading and writing, and locks it; a seam for tests, since a SIGKILL
    /// keeps the page cache and only a stream that records its calls shows whether a write reached the disk.
    /// </param>
    public TransactionOutbox(string path, ILogger? logger = null, int compactAfter = 64, Func<string, FileStream>? openFile = null)
    {
        _path = Path.GetFullPath(path);
        _logger = logger ?? NullLogger.Instance;
        _compactAfter = Math.Max(1, compactAfter);
        _openFile = openFile ?? OpenLocked;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _file = Open(_path);
        Load();
        _depthGauge = AuctionMetrics.TrackOutbox(Path.GetFileName(_path), () => PendingCount);
    }

    /// <summary>The file this outbox lives in.</summary>
    public string FilePath => _path;

    /// <summary>Records appended (now or by a previous process) and not yet marked stored, oldest first.</summary>
    public IReadOnlyList<TransactionRecord> Pending
    {
        get
        {
            lock (_lock) return _order.Where(_pending.ContainsKey).Select(id => _pending[id]).ToArray();
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_lock) return _pending.Count;
        }
    }

    /// <summary>Writes the record and forces it to the disk. Appending an id that is already pending does nothing.</summary>
    public void Append(TransactionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n");
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pending.ContainsKey(record.TransactionId)) return;
            _file.Seek(0, SeekOrigin.End);
            _file.Write(line);
            _file.Flush(flushToDisk: true);
            _pending[record.TransactionId] = record;
            _order.Add(record.TransactionId);
        }
    }

    /// <summary>Forgets a record PostgreSQL now holds; the file shrinks when the outbox empties or enough were stored.</summary>
    public void MarkStored(Guid transactionId)
    {
        lock (_lock)
        {
            if (_disposed || !_pending.Remove(transactionId)) return;
            _storedSinceCompaction++;
            if (_pending.Count == 0)
            {
                _order.Clear();
                _file.SetLength(0);
                _file.Flush(flushToDisk: true);
                _storedSinceCompaction = 0;
            }
            else if (_storedSinceCompaction >= _compactAfter)
            {
                Compact();
            }
        }
    }

    public void Dispose()
    {
        _depthGauge.Dispose();
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _file.Dispose();
        }
    }

    private static FileStream OpenLocked(string path) =>
        // FileShare.None takes an exclusive advisory lock on Unix: a second silo pointed at the same file fails to start.
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);

    private FileStream Open(string path)
    {
        try
        {
            return _openFile(path);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new IOException($"the transaction outbox {path} cannot be opened ({e.Message}); is another silo with the same cluster id, role and silo port running?", e);
        }
    }

    private void Load()
    {
        _file.Seek(0, SeekOrigin.Begin);
        var bytes = new byte[_file.Length];
        _file.ReadExactly(bytes);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
        {
            _logger.LogWarning(
                "The transaction outbox {Path} ends in a torn line of {Bytes} byte(s) (a crash while appending); cutting it off",
                _path, bytes.Length - end);
            _file.SetLength(end);
            _file.Flush(flushToDisk: true);
        }

        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            TransactionRecord? record = null;
            try
            {
                record = JsonSerializer.Deserialize<TransactionRecord>(line, Json);
            }
            catch (JsonException e)
            {
                _logger.LogError("Line {Line} of the transaction outbox {Path} is not a transaction ({Error}); skipping it: {Text}",
                    lineNumber, _path, e.Message, line.Length > 200 ? line[..200] + "…" : line);
            }

            if (record is not null && _pending.TryAdd(record.TransactionId, record)) _order.Add(record.TransactionId);
        }
    }

    private void Compact()
    {
        var temporary = _path + ".tmp";
        using (var fresh = _openFile(temporary))
        {
            fresh.SetLength(0); // a temporary file an earlier crash left while compacting starts empty
            foreach (var id in _order.Where(_pending.ContainsKey))
                fresh.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(_pending[id], Json) + "\n"));
            fresh.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
        _file.Dispose();
        _file = Open(_path);
        _order.RemoveAll(id => !_pending.ContainsKey(id));
        _storedSinceCompaction = 0;
    }
}
