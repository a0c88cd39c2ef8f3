using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>
/// The longest the client waits for one purchase to be answered: every phase deadline of the request (BUY, the
/// three consensus phases, the baseline offers, the answer), its flow both ways at the slowest rate any provider is
/// shaped to, and a margin. Past it the request is recorded as failed and the run goes on.
/// </summary>
public sealed record AnswerBound(TimeSpan PhaseDeadline, double SlowestRateMBps, TimeSpan Margin)
{
    /// <summary>Phase deadlines one request may spend before its flow starts and after it ends.</summary>
    public const int Phases = 6;

    /// <summary>The faulty providers of the reference topology are shaped to 1 MB/s.</summary>
    public const double DefaultSlowestRateMBps = 1;

    public TimeSpan For(Qos qos) =>
        PhaseDeadline * Phases + TimeSpan.FromSeconds(2 * qos.FlowSizeMb / SlowestRateMBps) + Margin;
}
