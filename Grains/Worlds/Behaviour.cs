using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;
using Auction.Grains.Scoring.Adversaries;

namespace Auction.Grains.Worlds;

/// <summary>
/// How a provider behaves: honest (<see cref="Adversary"/> null) or faulty in one of the adversary kinds, with that
/// kind's settings and, for a colluder, the fellow colluders it praises.
/// </summary>
public sealed record Behaviour
{
    /// <summary>How it misbehaves; null for an honest provider.</summary>
    public AdversarySettings? Adversary { get; init; }

    /// <summary>A colluder's allies (provider ids); empty for any other behaviour.</summary>
    public IReadOnlyList<string> Allies { get; init; } = [];

    public static Behaviour Honest { get; } = new();

    public static Behaviour Faulty(AdversarySettings adversary, IReadOnlyList<string>? allies = null) =>
        new() { Adversary = adversary, Allies = allies ?? [] };

    /// <summary>The kind's name: <c>honest</c> or one of <see cref="AdversaryRegistry.Names"/>.</summary>
    public string Kind => Adversary?.Kind ?? AdversaryKinds.Honest;

    public bool IsFaulty => Adversary is not null;

    /// <summary>
    /// The rates a provider of this behaviour is shaped to when its world does not say: as its kind's link says
    /// (<see cref="AdversaryKind.Link"/>: a liar or colluder delivers 1 MB/s whatever it claims); an honest provider
    /// delivers its claim, and so does an on-off one (it throttles itself while it lies).
    /// </summary>
    public LinkRates DefaultShaped(LinkRates claimed) =>
        Adversary is { } adversary && AdversaryRegistry.Of(adversary).Link == FaultyLink.Slow ? LinkRates.Both(ReferenceTopology.FaultyShapedRate) : claimed;

    public bool Equals(Behaviour? other) =>
        other is not null && Equals(Adversary, other.Adversary) && Allies.SequenceEqual(other.Allies);

    public override int GetHashCode() => HashCode.Combine(Adversary, Allies.Count);
}
