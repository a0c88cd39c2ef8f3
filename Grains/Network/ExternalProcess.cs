using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace Auction.Grains.Network;

/// <summary>What one finished external process left behind.</summary>
public sealed record ProcessOutput(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The first non-empty line of stderr (or stdout when stderr is empty), for one-line error messages.</summary>
    public string FirstErrorLine =>
        (StandardError + "\n" + StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .FirstOrDefault() ?? $"exit code {ExitCode}";
}

/// <summary>An external command that failed, did not start or did not finish in time; the message names the command and carries its stderr.</summary>
public sealed class ExternalProcessException(string message, ProcessOutput? output = null) : Exception(message)
{
    public ProcessOutput? Output { get; } = output;
}

/// <summary>Runs external commands (tc, ip, iperf3) through CliWrap: always with a timeout, never throwing on a non-zero exit by itself.</summary>
public static class ExternalProcess
{
    public static async Task<ProcessOutput> RunAsync(
        string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            var (tied, tiedArguments) = ChildProcesses.Tie(executable, arguments);
            var command = Cli.Wrap(tied)
                .WithArguments(tiedArguments)
                .WithValidation(CommandResultValidation.None);
            var result = await ChildProcesses.Start(() => command.ExecuteBufferedAsync(cts.Token)).ConfigureAwait(false);
            return new ProcessOutput(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExternalProcessException(
                $"'{Describe(executable, arguments)}' did not finish within {timeout.TotalSeconds:0.#} s and was killed");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            throw new ExternalProcessException($"could not start '{executable}': {e.Message}");
        }
    }

    /// <summary>Runs the command and throws <see cref="ExternalProcessException"/> (with its stderr) unless it exits 0.</summary>
    public static async Task<ProcessOutput> RunCheckedAsync(
        string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = await RunAsync(executable, arguments, timeout, cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
        {
            throw new ExternalProcessException(
                $"'{Describe(executable, arguments)}' failed with exit code {output.ExitCode}: {output.FirstErrorLine}", output);
        }
        return output;
    }

    public static string Describe(string executable, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { executable }.Concat(arguments));
}

/// <summary>Where a command runs: the root network namespace (<see cref="Name"/> null) or a named one (<c>ip netns exec NAME ...</c>).</summary>
public sealed record NetworkNamespace(string? Name)
{
    public static NetworkNamespace Root { get; } = new((string?)null);

    /// <summary>The executable and arguments that run <paramref name="executable"/> inside this namespace.</summary>
    public (string Executable, IReadOnlyList<string> Arguments) Wrap(string executable, IReadOnlyList<string> arguments) =>
        Name is null
            ? (executable, arguments)
            : ("ip", ["netns", "exec", Name, executable, .. arguments]);

    public override string ToString() => Name ?? "(root namespace)";

    /// <summary>
    /// Words naming where commands of this process run: the given namespace, else the named namespace this process is
    /// in (<c>ip netns identify</c>), else "the root namespace" or the namespace's kernel id.
    /// </summary>
    public static async Task<string> DescribeCurrentAsync(string? name, CancellationToken cancellationToken)
    {
        if (name is not null) return $"network namespace {name}";
        try
        {
            var output = await ExternalProcess.RunAsync("ip", ["netns", "identify", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            var identified = output.StandardOutput.Trim();
            if (output.ExitCode == 0 && identified.Length > 0) return $"network namespace {identified}";
        }
        catch (ExternalProcessException)
        {
        }

        string? Link(string path)
        {
            try
            {
                return new FileInfo(path).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        var own = Link("/proc/self/ns/net");
        return own is not null && own == Link("/proc/1/ns/net") ? "the root namespace" : $"this process's network namespace ({own ?? "unknown"})";
    }
}
