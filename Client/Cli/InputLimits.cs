namespace Auction.Client.Cli;

/// <summary>
/// Upper limits on what the CLI accepts, so that a mistyped or hostile input ends in one error line instead of
/// gigabytes of memory or hours of work. The commands' help texts state them.
/// </summary>
public static class InputLimits
{
    /// <summary>Largest config or scenario file (or stdin) read.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Most requests per strategy of one experiment.</summary>
    public const int MaxRequests = 100_000;

    /// <summary>Most providers in a scenario or an experiment's provider list.</summary>
    public const int MaxProviders = 1_000;

    /// <summary>Longest name, provider id or strategy list.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Most consumer grains or requests in flight.</summary>
    public const int MaxConsumers = 1_000;

    /// <summary>Most experiments in one sweep (seeds × every axis's points).</summary>
    public const int MaxSweepExperiments = 100_000;

    /// <summary>Longest wait between two requests, after the time scale (one day).</summary>
    public const double MaxIntervalSeconds = 86_400;

    /// <summary>Largest uplink/downlink in MB/s (100 GB/s: no link of the lab comes near).</summary>
    public const double MaxRateMBps = 100_000;

    /// <summary>Largest price, flow size (MB), mu, delta and epsilon.</summary>
    public const double MaxQosValue = 1_000_000;

    /// <summary>The limits as one sentence for the help texts.</summary>
    public const string HelpText =
        "Limits: files up to 4 MiB of UTF-8, 100000 requests, 1000 providers, names and ids up to 200 characters, intervals up to 86400 s.";
}
