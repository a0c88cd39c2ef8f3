namespace Auction.Grains.Scoring.Adversaries;

/// <summary>
/// What a faulty provider sends instead of the honest value, message by message. Pure: no Orleans, no I/O; the
/// provider grain asks it at each message it sends.
/// </summary>
public interface IAdversary
{
    /// <summary>The name recorded with results: its kind's <see cref="AdversaryKind.DisplayName(Interfaces.Models.AdversarySettings)"/> (liar, colluder, on-off(20/∞)).</summary>
    string Name { get; }

    /// <summary>
    /// A new transaction it takes part in (a BUY accepted, or its offer asked for by a baseline strategy): an
    /// adversary that changes its behaviour over time counts it here.
    /// </summary>
    void TransactionJoined();

    /// <summary>True while the provider delivers 1 MB/s although its link is shaped faster (on-off while lying).</summary>
    bool Throttled { get; }

    /// <summary>The bids of one auction: one call per auction, then one call of the result per peer.</summary>
    Func<string, double> Bids(double askPrice);

    /// <summary>The channel utilisation advertised in a beacon to <paramref name="peer"/>.</summary>
    double ChannelUtilization(double honestChannelUtilization, string peer);

    /// <summary>
    /// Its score of <paramref name="target"/> in its score vector; <paramref name="honest"/> is null when it has no
    /// row for the target (the honest score is then <paramref name="honestScore"/>, default_peer_ff).
    /// </summary>
    double Score(FittingnessComponents? honest, double honestScore, string target);

    /// <summary>Its consensus on <paramref name="target"/> sent to the consumer.</summary>
    double Consensus(FilteredMean honest, string target);
}
