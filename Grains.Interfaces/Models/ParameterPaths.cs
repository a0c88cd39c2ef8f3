namespace Auction.Grains.Interfaces.Models;

/// <summary>
/// How a reader names the auction parameters in its messages, so that a message names the field the user wrote: a
/// prefix, then the snake_case name (<c>parameters.gamma</c>, <c>params.tau</c>) or the silo name
/// (<c>Auction:Parameters:Gamma</c>).
/// </summary>
public sealed record ParameterPaths(string Prefix, bool SiloNames)
{
    /// <summary>JSON readers: experiment configs and sweeps (<c>parameters.</c>), scenarios (<c>params.</c>), grains (no prefix).</summary>
    public static ParameterPaths Json(string prefix) => new(prefix, SiloNames: false);

    /// <summary>The silo's settings, bound from <c>Auction:Parameters</c> (or <c>Auction__Parameters__…</c> variables).</summary>
    public static ParameterPaths Silo { get; } = new("Auction:Parameters:", SiloNames: true);

    public string Of(AuctionParameter parameter) => Prefix + (SiloNames ? parameter.SiloName : parameter.Name);
}
