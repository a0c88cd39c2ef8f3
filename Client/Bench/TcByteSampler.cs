using System.Diagnostics;
using System.Text.Json;
using Auction.Grains.Network;

namespace Auction.Client.Bench;

/// <summary>
/// Reads, every few milliseconds in the background, how many bytes the root tbf of a device has sent
/// (<c>tc -s -j qdisc show</c>), each sample timed at the middle of its tc run on the benchmark's clock.
/// </summary>
public sealed class TcByteSampler : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);
    private readonly List<CounterSample> _samples = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TcByteSampler(NetworkNamespace ns, string device, Stopwatch clock, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(clock);
        _loop = Task.Run(() => LoopAsync(ns, device, clock, interval, _stop.Token));
    }

    /// <summary>The samples so far, oldest first.</summary>
    public IReadOnlyList<CounterSample> Samples()
    {
        lock (_gate) return [.. _samples];
    }

    /// <summary>The bytes sent by the root tbf in <c>tc -s -j qdisc show</c> output; null without one.</summary>
    public static long? RootTbfBytes(string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var qdisc in document.RootElement.EnumerateArray())
        {
            if (qdisc.TryGetProperty("kind", out var kind) && kind.GetString() == "tbf" && qdisc.TryGetProperty("root", out var root) && root.GetBoolean()
                && qdisc.TryGetProperty("bytes", out var bytes))
                return bytes.GetInt64();
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped while a tc run or the pause was under way
        }
        _stop.Dispose();
    }

    private async Task LoopAsync(NetworkNamespace ns, string device, Stopwatch clock, TimeSpan interval, CancellationToken stop)
    {
        IReadOnlyList<string> arguments = ns.Name is null
            ? ["-s", "-j", "qdisc", "show", "dev", device]
            : ["-n", ns.Name, "-s", "-j", "qdisc", "show", "dev", device];
        while (!stop.IsCancellationRequested)
        {
            var before = clock.Elapsed.TotalSeconds;
            var output = await ExternalProcess.RunAsync("tc", arguments, CommandTimeout, stop).ConfigureAwait(false);
            var after = clock.Elapsed.TotalSeconds;
            if (output.ExitCode == 0 && RootTbfBytes(output.StandardOutput) is { } bytes)
            {
                lock (_gate) _samples.Add(new CounterSample((before + after) / 2, bytes));
            }
            await Task.Delay(interval, stop).ConfigureAwait(false);
        }
    }
}
