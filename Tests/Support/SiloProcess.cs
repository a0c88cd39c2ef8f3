using System.Diagnostics;
using System.Text;

namespace Auction.Tests.Support;

/// <summary>
/// A silo started as a separate process (optionally inside a network namespace), with its output captured;
/// disposing it stops it with SIGTERM, then SIGKILL if it does not exit in time.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string? _outbox;

    private SiloProcess(Process process, string? outbox)
    {
        _process = process;
        _outbox = outbox;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static SiloProcess Start(IReadOnlyDictionary<string, string> environment, string? networkNamespace = null)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Auction.Silo.dll");
        var info = networkNamespace is null
            ? new ProcessStartInfo("dotnet") { ArgumentList = { dll } }
            : new ProcessStartInfo("ip") { ArgumentList = { "netns", "exec", networkNamespace, "dotnet", dll } };
        info.WorkingDirectory = AppContext.BaseDirectory;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        // A consumer silo keeps a durable outbox; unless the test names one, it gets its own, removed on dispose,
        // instead of leaving a file per test run in the user's data folder.
        string? outbox = null;
        if (!environment.ContainsKey("Auction__Database__OutboxDirectory"))
            info.Environment["Auction__Database__OutboxDirectory"] = outbox = System.IO.Directory.CreateTempSubdirectory("auction-outbox-").FullName;
        return new SiloProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start the silo process"), outbox);
    }

    /// <summary>Waits for the process to exit; false when it still runs after the timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Signal(string signal) => Process.Start("kill", $"-{signal} {_process.Id}")?.WaitForExit(5_000);

    /// <summary>Stops the silo gracefully (SIGTERM), killing it after the timeout.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        Signal("TERM");
        if (!await WaitForExitAsync(timeout)) _process.Kill(entireProcessTree: true);
        await WaitForExitAsync(TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        _process.Dispose();
        if (_outbox is not null && System.IO.Directory.Exists(_outbox)) System.IO.Directory.Delete(_outbox, recursive: true);
    }
}
