namespace Auction.Grains.Scoring.Adversaries;

/// <summary>How the link of a faulty provider of an adversary kind is shaped.</summary>
public enum FaultyLink
{
    /// <summary>Shaped to 1 MB/s whatever it claims (the liar, the colluder).</summary>
    Slow,

    /// <summary>Shaped to its claim; the adversary throttles itself to 1 MB/s while <see cref="IAdversary.Throttled"/> (on-off).</summary>
    Claimed,
}
