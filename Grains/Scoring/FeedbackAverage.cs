namespace Auction.Grains.Scoring;

/// <summary>The reputation moving average: feedback := γ · rating + (1 − γ) · feedback.</summary>
public static class FeedbackAverage
{
    public static double Update(double feedback, double rating, double gamma)
    {
        Require.Finite(feedback, "feedback");
        Require.InRange(rating, 0, 1, "rating");
        Require.InRange(gamma, 0, 1, "gamma");
        return gamma * rating + (1 - gamma) * feedback;
    }
}
