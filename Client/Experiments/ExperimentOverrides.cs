namespace Auction.Client.Experiments;

/// <summary>The command-line options that override a config's values; null leaves the config's value.</summary>
public sealed record ExperimentOverrides
{
    public string? Name { get; init; }
    public string? Strategy { get; init; }
    public int? Seed { get; init; }
    public int? Count { get; init; }
    public string? Providers { get; init; }
    public int? Consumers { get; init; }
    public int? Concurrency { get; init; }
    public double? TimeScale { get; init; }
    /// <summary>A world file (<c>--world</c>): replaces the config's world.</summary>
    public string? World { get; init; }

    public ExperimentConfig ApplyTo(ExperimentConfig config, ConfigIssues issues)
    {
        var overridden = new Dictionary<string, string>(config.Overridden);
        if (Name is not null) { config = config with { Name = Name }; overridden["name"] = "--name"; }
        if (Strategy is not null)
        {
            overridden["strategy"] = "--strategy";
            if (StrategyList.Parse(Strategy, "--strategy", issues) is { } strategies) config = config with { Strategies = strategies };
        }

        if (Seed is { } seed) { config = config with { Seed = seed }; overridden["seed"] = "--seed"; }
        if (Count is { } count) { config = config with { Count = count }; overridden["count"] = "--count"; }
        if (Providers is { } providers)
        {
            overridden["providers"] = "--providers";
            config = config with
            {
                Providers = providers.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : providers.Split(',', StringSplitOptions.TrimEntries),
            };
        }

        if (Consumers is { } consumers) { config = config with { Consumers = consumers }; overridden["consumers"] = "--consumers"; }
        if (Concurrency is { } concurrency) { config = config with { Concurrency = concurrency }; overridden["concurrency"] = "--concurrency"; }
        if (TimeScale is { } timeScale) { config = config with { TimeScale = timeScale }; overridden["time_scale"] = "--time-scale"; }
        if (World is { } file)
        {
            overridden[ExperimentWorldReader.Field] = "--world";
            if (config.Topology != new SimulatedTopology())
                issues.Error("--world", $"cannot be given together with the config's topology: the world says which providers exist (its \"reference\": {{…}} is the reference topology), got '{Cli.Excerpt.Of(file)}'.");
            config = config with { World = ExperimentWorldReader.ReadFile(file, "--world", issues) };
        }

        return config with { Overridden = overridden };
    }
}
