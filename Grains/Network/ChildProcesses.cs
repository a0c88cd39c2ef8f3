using System.Collections.Concurrent;

namespace Auction.Grains.Network;

/// <summary>
/// Starts every external process so that it dies with this one, even on SIGKILL: the command runs under
/// <c>setpriv --pdeathsig KILL</c> (util-linux), which asks the kernel to kill it when its parent goes away.
/// </summary>
/// <remarks>
/// The kernel sends the parent-death signal when the <em>thread</em> that forked the child exits, not the process.
/// Pool threads come and go, so children are forked from one dedicated thread that lives as long as the process.
/// Without setpriv (not Linux, util-linux missing) commands run unwrapped and only an orderly stop ends them.
/// </remarks>
public static class ChildProcesses
{
    private const string SetPriv = "/usr/bin/setpriv";
    private static readonly BlockingCollection<Action> Starts = [];
    private static readonly Lazy<bool> Available = new(() => OperatingSystem.IsLinux() && File.Exists(SetPriv));

    static ChildProcesses()
    {
        var thread = new Thread(() =>
        {
            foreach (var start in Starts.GetConsumingEnumerable()) start();
        })
        {
            IsBackground = true,
            Name = "child process starter",
        };
        thread.Start();
    }

    /// <summary>Whether children are tied to this process's life (setpriv is there).</summary>
    public static bool DieWithParent => Available.Value;

    /// <summary>The executable and arguments that run the command as a child that dies with this process.</summary>
    /// <remarks>An executable that cannot be found is left unwrapped, so that starting it fails as it would without setpriv.</remarks>
    public static (string Executable, IReadOnlyList<string> Arguments) Tie(string executable, IReadOnlyList<string> arguments) =>
        Available.Value && Resolvable(executable) ? (SetPriv, ["--pdeathsig", "KILL", "--", executable, .. arguments]) : (executable, arguments);

    private static bool Resolvable(string executable) =>
        executable.Contains('/')
            ? File.Exists(executable)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Any(directory => File.Exists(Path.Combine(directory, executable)));

    /// <summary>
    /// Runs <paramref name="start"/> (which must start the process synchronously, as CliWrap's <c>ExecuteAsync</c>
    /// does before it returns) on the dedicated starter thread and returns what it returned.
    /// </summary>
    public static T Start<T>(Func<T> start)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Starts.Add(() =>
        {
            try
            {
                done.SetResult(start());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task.GetAwaiter().GetResult();
    }
}
