namespace Auction.Grains.Network;

/// <summary>
/// One element of <c>tc -j qdisc show</c>. Members not named here (refcnt, the statistics of <c>-s</c>, other
/// qdiscs' options) are skipped: tc adds members between versions and kinds.
/// </summary>
internal sealed record TcQdiscJson(string? Kind, string? Handle, bool Root, TcQdiscOptionsJson? Options);

/// <summary>A qdisc's <c>options</c>; for tbf the rate in bytes/s and the burst in bytes.</summary>
internal sealed record TcQdiscOptionsJson(long? Rate, long? Burst);
