using System.Diagnostics;

namespace Auction.Tests.Support;

/// <summary>compose.yaml as Debian's docker-compose renders it (`docker-compose config`) with a given env file.</summary>
public static class ComposeConfig
{
    /// <summary>Whether docker-compose is on PATH (./test.sh installs it as root).</summary>
    public static bool IsInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "docker-compose")));

    /// <summary>Runs `docker-compose config` on the repository's compose.yaml; the exit code and stdout followed by stderr.</summary>
    /// <remarks>The credentials come from <paramref name="envFile"/> alone: the same variables in this process are removed.</remarks>
    public static (int Exit, string Output) Render(string envFile) => Render(envFile, [], new Dictionary<string, string>());

    /// <summary>compose.yaml with the repository's <paramref name="overlays"/> on top, and <paramref name="environment"/> set.</summary>
    public static (int Exit, string Output) Render(string envFile, IReadOnlyList<string> overlays, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var file in overlays.Prepend("compose.yaml"))
        {
            info.ArgumentList.Add("-f");
            info.ArgumentList.Add(RepositoryRoot.Combine(file));
        }
        foreach (var argument in new[] { "--env-file", envFile, "config" }) info.ArgumentList.Add(argument);
        info.Environment.Remove("WORLD_FILE");
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.Environment.Remove("POSTGRES_USER");
        info.Environment.Remove("POSTGRES_PASSWORD");
        info.Environment.Remove("AUCTION_DB_USER");
        info.Environment.Remove("AUCTION_DB_PASSWORD");
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("docker-compose is not installed; ./test.sh installs it (apt-get install docker-compose).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                throw new TimeoutException("docker-compose config did not finish within 60 s");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
