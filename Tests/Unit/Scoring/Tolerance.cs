namespace Auction.Tests.Unit.Scoring;

/// <summary>The tolerance the hand-computed expected values are compared with.</summary>
internal static class Tolerance
{
    public const double Abs = 1e-12;
}
