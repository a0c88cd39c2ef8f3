using System.Diagnostics;

namespace Auction.Tests.Support;

/// <summary>A fact that needs root and the kernel's netem qdisc: skipped with the reason where either is missing.</summary>
public sealed class NetemFactAttribute : FactAttribute
{
    public NetemFactAttribute()
    {
        if (!Root.IsRoot) Skip = Root.SkipReason;
        else if (Netem.Missing is { } reason) Skip = $"needs the netem qdisc, which this kernel lacks ({reason})";
    }
}

/// <summary>A fact that needs root and a kernel WITHOUT netem (it checks the refusal): skipped where netem works.</summary>
public sealed class NoNetemFactAttribute : FactAttribute
{
    public NoNetemFactAttribute()
    {
        if (!Root.IsRoot) Skip = Root.SkipReason;
        else if (Netem.Missing is null) Skip = "checks the refusal of a kernel without netem, and this kernel has it";
    }
}

/// <summary>Whether this kernel runs netem, probed once on a throwaway ifb device in the root namespace.</summary>
public static class Netem
{
    private static readonly Lazy<string?> Probe = new(() =>
    {
        var device = "prbT" + Guid.NewGuid().ToString("N")[..6];
        if (Run("ip", $"link add {device} type ifb") is { } noIfb) return noIfb;
        try
        {
            return Run("tc", $"qdisc add dev {device} root netem delay 1ms");
        }
        finally
        {
            Run("ip", $"link del {device}");
        }
    });

    /// <summary>Null when netem works; else what tc said.</summary>
    public static string? Missing => Probe.Value;

    private static string? Run(string executable, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            return $"'{executable} {arguments}' did not finish within 10 s";
        }
        return process.ExitCode == 0 ? null : error.Result.Trim();
    }
}
