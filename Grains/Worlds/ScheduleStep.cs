using Auction.Grains.Network;

namespace Auction.Grains.Worlds;

/// <summary>
/// One change of a provider during an experiment: when (an experiment time in whole milliseconds, or a request
/// number counted from 1) and what it sets; a field it leaves null keeps its value.
/// </summary>
public sealed record ScheduleStep
{
    /// <summary>Experiment time at which the step takes effect; null for a request step.</summary>
    public long? AtMs { get; init; }

    /// <summary>The request from which the step takes effect (before its BUY); null for a time step.</summary>
    public int? AtRequest { get; init; }

    public LinkRates? Shaped { get; init; }

    /// <summary>The link's new delay, jitter and loss, all three together (<see cref="LinkImpairment.IsNone"/>: none any more); null keeps them.</summary>
    public LinkImpairment? Impairment { get; init; }
    public bool? LinkUp { get; init; }
    public double? AskPrice { get; init; }
    public LinkRates? Claimed { get; init; }
    public double? SignalStrength { get; init; }
    public Behaviour? Behaviour { get; init; }

    /// <summary>Whether the step has taken effect at experiment time <paramref name="timeMs"/> for request <paramref name="request"/> (0: none sent yet).</summary>
    public bool InForce(long timeMs, int request) => AtMs is { } at ? timeMs >= at : request >= AtRequest;

    /// <summary><paramref name="state"/> with what this step sets.</summary>
    public ProviderState ApplyTo(ProviderState state) => state with
    {
        Shaped = Shaped ?? state.Shaped,
        Impairment = Impairment is { } impairment ? (impairment.IsNone ? null : impairment) : state.Impairment,
        LinkUp = LinkUp ?? state.LinkUp,
        AskPrice = AskPrice ?? state.AskPrice,
        Claimed = Claimed ?? state.Claimed,
        SignalStrength = SignalStrength ?? state.SignalStrength,
        Behaviour = Behaviour ?? state.Behaviour,
    };
}
