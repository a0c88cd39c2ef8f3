using System.Globalization;

namespace Auction.Grains.Network;

/// <summary>
/// Delay, jitter and loss a link adds in each direction (the kernel's netem qdisc), on top of its rate. Applied to
/// both directions of the provider-side interface, so a round trip gains twice the delay, as on an emulated link
/// whose two ends each delay what they send.
/// </summary>
public sealed record LinkImpairment(double DelayMs = 0, double JitterMs = 0, double LossPercent = 0)
{
    /// <summary>No delay, jitter or loss: the link needs no netem.</summary>
    public bool IsNone => DelayMs == 0 && JitterMs == 0 && LossPercent == 0;

    /// <summary>The netem options (<c>delay 20ms 5ms loss 1%</c>); jitter needs a delay, so it comes only with one.</summary>
    public IReadOnlyList<string> NetemOptions()
    {
        var options = new List<string>();
        if (DelayMs > 0 || JitterMs > 0)
        {
            options.AddRange(["delay", Milliseconds(DelayMs)]);
            if (JitterMs > 0) options.Add(Milliseconds(JitterMs));
        }
        if (LossPercent > 0) options.AddRange(["loss", LossPercent.ToString("0.######", CultureInfo.InvariantCulture) + "%"]);
        return options;
    }

    private static string Milliseconds(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
