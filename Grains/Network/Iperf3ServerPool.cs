using System.Diagnostics;
using System.Globalization;
using Auction.Grains.Resilience;
using CliWrap;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Auction.Grains.Network;

/// <summary>Configuration of a provider's iperf3 servers (<c>iperf3_server_count</c> from <c>iperf3_base_server_port</c>).</summary>
public sealed record Iperf3ServerPoolOptions
{
    public int BasePort { get; init; } = 5201;
    public int Count { get; init; } = 2;
    /// <summary>Run the servers inside this network namespace (<c>ip netns exec</c>); root namespace when null.</summary>
    public string? Namespace { get; init; }
    /// <summary>Address to bind (<c>iperf3 -B</c>); all addresses when null.</summary>
    public string? BindAddress { get; init; }
    /// <summary>Directory for one pid file per server (<c>iperf3-OWNER-PORT.pid</c>) so <c>lab.sh down</c> can kill leftovers after a crash.</summary>
    public string? RunDirectory { get; init; }
    public string Executable { get; init; } = "iperf3";
    /// <summary>The provider the servers belong to: names the pid files, so providers sharing a run directory never collide.</summary>
    public string? Owner { get; init; }
    /// <summary>How long <see cref="Iperf3ServerPool.StartAsync"/> waits for every server to listen.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Delay before restarting a server that died; doubles on quick repeated deaths, up to 5 s.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>The state of one supervised server.</summary>
public sealed record Iperf3ServerState(int Port, int? ProcessId, int Restarts, string? LastError);

/// <summary>
/// Runs and supervises a provider's iperf3 servers: one per port, restarted when one dies, all killed on
/// <see cref="StopAsync"/> / <see cref="DisposeAsync"/> (as an <see cref="IHostedService"/> the host's shutdown,
/// including on SIGTERM, stops them). Each server's pid is written to the run directory, when given, so a crashed
/// silo's servers can be found and killed (<c>infra/lab/lab.sh down</c> does).
/// </summary>
public sealed class Iperf3ServerPool : IHostedService, IAsyncDisposable
{
    private readonly Iperf3ServerPoolOptions _options;
    private readonly ILogger _logger;
    private readonly Server[] _servers;
    private CancellationTokenSource? _stop;
    private Task[] _loops = [];
    private string _where = "";

    public Iperf3ServerPool(Iperf3ServerPoolOptions options, ILogger<Iperf3ServerPool>? logger = null)
    {
        if (options.Count < 1 || options.BasePort < 1 || options.BasePort + options.Count - 1 > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"iperf3 servers need 1 or more ports within 1..65535 (base port {options.BasePort}, count {options.Count})");
        }
        _options = options;
        _logger = logger ?? NullLogger<Iperf3ServerPool>.Instance;
        _servers = Enumerable.Range(options.BasePort, options.Count).Select(p => new Server(p)).ToArray();
    }

    public IReadOnlyList<Iperf3ServerState> Servers =>
        _servers.Select(s => new Iperf3ServerState(s.Port, s.ProcessId, s.Restarts, s.LastError)).ToArray();

    /// <summary>Starts every server and waits until each one listens on its port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.RunDirectory is not null)
        {
            Directory.CreateDirectory(_options.RunDirectory);
        }
        var stop = new CancellationTokenSource();
        if (Interlocked.CompareExchange(ref _stop, stop, null) is not null)
        {
            stop.Dispose();
            throw new InvalidOperationException("the iperf3 server pool is already started");
        }
        var token = stop.Token;
        _where = await NetworkNamespace.DescribeCurrentAsync(_options.Namespace, cancellationToken).ConfigureAwait(false);
        KillLeftovers();
        _loops = _servers.Select(s => Task.Run(() => SuperviseAsync(s, token), CancellationToken.None)).ToArray();
        try
        {
            foreach (var server in _servers)
            {
                await WaitListeningAsync(server.Port, _options.StartTimeout, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // a failed start leaves nothing running: the host does not stop a service whose start failed
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        _logger.LogInformation("iperf3 servers listening on ports {First}..{Last} in {Namespace}",
            _options.BasePort, _options.BasePort + _options.Count - 1, _where);
    }

    /// <summary>Waits until the server of <paramref name="port"/> runs and listens; throws <see cref="TimeoutException"/> naming the port and the last error otherwise.</summary>
    public async Task WaitListeningAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var server = _servers.SingleOrDefault(s => s.Port == port)
                     ?? throw new ArgumentOutOfRangeException(nameof(port), port, "not a port of this pool");
        if (!await WaitUntil.TrueAsync(() => server.ProcessId is { } pid && IsListening(pid, port),
                TimeSpan.FromMilliseconds(50), timeout, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException(
                $"the iperf3 server on port {port} in {(_where.Length > 0 ? _where : _options.Namespace ?? "this process's network namespace")} was not listening within {timeout.TotalSeconds:0.#} s" +
                (server.LastError is null ? "" : $" (last error: {server.LastError})"));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // idempotent: the host stops the pool, then the container disposes it (once per registration)
        var stop = Interlocked.Exchange(ref _stop, null);
        if (stop is null)
        {
            return;
        }
        await stop.CancelAsync().ConfigureAwait(false);
        // CliWrap kills each process on cancellation; the loops end right after. Bounded anyway.
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("iperf3 supervisors did not stop within 10 s");
        }
        catch (Exception e)
        {
            _logger.LogWarning("an iperf3 supervisor ended with an error: {Error}", e.Message);
        }
        foreach (var server in _servers)
        {
            DeletePidFile(server.Port);
        }
        stop.Dispose();
        _logger.LogInformation("iperf3 servers on ports {First}..{Last} stopped", _options.BasePort, _options.BasePort + _options.Count - 1);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// Keeps the server of one port running until <paramref name="stop"/>: every exit is followed by a restart after
    /// <see cref="Iperf3ServerPoolOptions.RestartDelay"/>; a server that dies within 2 s of starting (port taken, bad
    /// address) is restarted ever more slowly, the pause doubling up to 5 s.
    /// </summary>
    private async Task SuperviseAsync(Server server, CancellationToken stop)
    {
        var delay = _options.RestartDelay;
        var restarts = new ResiliencePipelineBuilder<TimeSpan>()
            .AddRetry(new RetryStrategyOptions<TimeSpan>
            {
                ShouldHandle = _ => ValueTask.FromResult(!stop.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args =>
                {
                    delay = args.Outcome.Result < TimeSpan.FromSeconds(2)
                        ? TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks))
                        : _options.RestartDelay;
                    return ValueTask.FromResult<TimeSpan?>(delay);
                },
                OnRetry = _ =>
                {
                    server.Restarts++;
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            await restarts.ExecuteAsync(ct => RunServerOnceAsync(server, ct), stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            server.ProcessId = null;
        }
    }

    /// <summary>Runs the server of one port until it exits; returns how long it ran (a start that failed ran no time).</summary>
    private async ValueTask<TimeSpan> RunServerOnceAsync(Server server, CancellationToken stop)
    {
        List<string> arguments = ["-s", "-p", server.Port.ToString(CultureInfo.InvariantCulture)];
        if (_options.BindAddress is not null)
        {
            arguments.AddRange(["-B", _options.BindAddress]);
        }
        var (executable, args) = new NetworkNamespace(_options.Namespace).Wrap(_options.Executable, arguments);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (tied, tiedArgs) = ChildProcesses.Tie(executable, args);
            var command = Cli.Wrap(tied)
                .WithArguments(tiedArgs)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.Null)
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
                {
                    if (!string.IsNullOrWhiteSpace(line))
                    {
                        server.LastError = line.Trim();
                    }
                }));
            var task = ChildProcesses.Start(() => command.ExecuteAsync(stop));
            server.ProcessId = task.ProcessId;
            WritePidFile(server.Port, task.ProcessId);
            var result = await task.ConfigureAwait(false);
            server.ProcessId = null;
            _logger.LogWarning("iperf3 server on port {Port} exited with code {ExitCode} ({Error}); restarting",
                server.Port, result.ExitCode, server.LastError ?? "no error output");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            server.ProcessId = null;
            server.LastError = $"could not start {_options.Executable}: {e.Message}";
            _logger.LogError("iperf3 server on port {Port}: {Error}", server.Port, server.LastError);
        }
        return Stopwatch.GetElapsedTime(started);
    }

    private void WritePidFile(int port, int pid)
    {
        if (_options.RunDirectory is null)
        {
            return;
        }
        try
        {
            File.WriteAllText(PidFile(port), pid.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (IOException e)
        {
            _logger.LogWarning("Could not write the pid file of the iperf3 server on port {Port}: {Error}", port, e.Message);
        }
    }

    private void DeletePidFile(int port)
    {
        if (_options.RunDirectory is not null)
        {
            File.Delete(PidFile(port));
        }
    }

    private string PidFile(int port) =>
        Path.Combine(_options.RunDirectory!, _options.Owner is null ? $"iperf3-{port}.pid" : $"iperf3-{_options.Owner}-{port}.pid");

    /// <summary>
    /// Kills iperf3 processes a crashed predecessor left on this pool's ports: those named in this pool's pid files,
    /// and any iperf3 in this network namespace listening on one of the ports. Waits (bounded) until they are gone.
    /// </summary>
    private void KillLeftovers()
    {
        if (_options.Namespace is not null) return; // servers in another namespace: lab.sh down clears those
        var ports = _servers.Select(s => s.Port).ToHashSet();
        var found = new HashSet<int>();
        if (_options.RunDirectory is not null)
        {
            foreach (var port in ports)
            {
                var file = PidFile(port);
                if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsIperf3(pid))
                    found.Add(pid);
            }
        }

        var ownNamespace = NamespaceOf(Environment.ProcessId);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !IsIperf3(pid)) continue;
            if (NamespaceOf(pid) == ownNamespace && ports.Any(port => IsListening(pid, port))) found.Add(pid);
        }

        foreach (var pid in found)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                _logger.LogWarning("Killing iperf3 (pid {Pid}) left on ports {First}..{Last} in {Namespace} by a previous run of this provider",
                    pid, _options.BasePort, _options.BasePort + _options.Count - 1, _where);
                process.Kill();
                process.WaitForExit(5_000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // gone meanwhile
            }
        }
    }

    private static bool IsIperf3(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "iperf3";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? NamespaceOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/net").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the process listens on the TCP port, read from /proc/PID/net/tcp{,6} (the process's own network namespace).</summary>
    internal static bool IsListening(int pid, int port)
    {
        var hexPort = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines($"/proc/{pid}/net/{table}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
            foreach (var line in lines.Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // fields: sl local_address rem_address st ...; state 0A = LISTEN
                if (fields.Length > 3 && fields[1].EndsWith(hexPort, StringComparison.Ordinal) && fields[3] == "0A")
                {
                    return true;
                }
            }
        }
        return false;
    }

    private sealed class Server(int port)
    {
        public int Port { get; } = port;
        private int _pid;
        public int? ProcessId
        {
            get => Volatile.Read(ref _pid) is > 0 and var pid ? pid : null;
            set => Volatile.Write(ref _pid, value ?? 0);
        }
        public int Restarts;
        public volatile string? LastError;
    }
}
