using Auction.Client.Cli;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>
/// Checks an experiment config (after command-line overrides) before anything is sent. Every problem is reported
/// with the field's path and value; a distribution whose mean lies outside [lowest, highest] is only a warning
/// (the draws are clamped, so the run still works, but the distribution is not the one the numbers suggest). The
/// auction parameters are checked where they are read (<see cref="ExperimentConfigReader"/>): no option sets them.
/// </summary>
public static class ExperimentConfigValidator
{
    public static void Validate(ExperimentConfig config, ConfigIssues issues)
    {
        if (string.IsNullOrWhiteSpace(config.Name)) issues.Error(config.PathOf("name"), "must not be empty, got '' .");
        if (config.Name.Length > InputLimits.MaxTextLength)
            issues.Error(config.PathOf("name"), $"must be at most {InputLimits.MaxTextLength} characters, got '{Excerpt.Of(config.Name)}'.");
        if (config.Count <= 0) issues.Error(config.PathOf("count"), $"must be > 0, got {config.Count}.");
        if (config.Count > InputLimits.MaxRequests) issues.Error(config.PathOf("count"), $"must be at most {InputLimits.MaxRequests}, got {config.Count}.");
        if (config.Strategies.Count == 0) issues.Error(config.PathOf("strategy"), "must name at least one strategy, got none.");

        var p = config.Profile;
        Distribution(config, "interval", p.IntervalSeconds, lowest: 0, exclusive: false, InputLimits.MaxIntervalSeconds, issues);
        Distribution(config, "uplink", p.Uplink, lowest: 0, exclusive: true, InputLimits.MaxRateMBps, issues);
        Distribution(config, "downlink", p.Downlink, lowest: 0, exclusive: true, InputLimits.MaxRateMBps, issues);
        Distribution(config, "price", p.Price, lowest: 0, exclusive: true, InputLimits.MaxQosValue, issues);
        Distribution(config, "mu", p.Mu, lowest: 0, exclusive: false, InputLimits.MaxQosValue, issues);
        Distribution(config, "delta", p.Delta, lowest: 0, exclusive: false, InputLimits.MaxQosValue, issues);
        Distribution(config, "epsilon", p.Epsilon, lowest: 1, exclusive: false, InputLimits.MaxQosValue, issues);
        Distribution(config, "flow_size", p.FlowSize, lowest: 0, exclusive: true, InputLimits.MaxQosValue, issues);

        if (config.Consumers < 1) issues.Error(config.PathOf("consumers"), $"must be ≥ 1, got {config.Consumers}.");
        if (config.Consumers > InputLimits.MaxConsumers) issues.Error(config.PathOf("consumers"), $"must be at most {InputLimits.MaxConsumers}, got {config.Consumers}.");
        if (config.Concurrency < 1) issues.Error(config.PathOf("concurrency"), $"must be ≥ 1, got {config.Concurrency}.");
        if (config.Concurrency > InputLimits.MaxConsumers) issues.Error(config.PathOf("concurrency"), $"must be at most {InputLimits.MaxConsumers}, got {config.Concurrency}.");
        if (config.Topology.Providers is < 2) issues.Error("topology.providers", $"must be ≥ 2, got {config.Topology.Providers}.");
        if (config.Topology.Faulty is { } faulty && (faulty < 0 || faulty > (config.Topology.Providers ?? 10)))
            issues.Error("topology.faulty", $"must be between 0 and the provider count {config.Topology.Providers ?? 10}, got {faulty}.");
        TopologyAdversaryReader.Check(config.Topology.Adversary, issues);
        if (!double.IsFinite(config.TimeScale) || config.TimeScale < 0)
            issues.Error(config.PathOf("time_scale"), $"must be a finite number ≥ 0, got {ConfigIssues.Show(config.TimeScale)}.");
        else if (p.IntervalSeconds.Highest is > 0 and <= InputLimits.MaxIntervalSeconds && p.IntervalSeconds.Highest * config.TimeScale > InputLimits.MaxIntervalSeconds)
            issues.Error(config.PathOf("time_scale"),
                $"times {config.PathOf("interval.highest")} ({ConfigIssues.Show(p.IntervalSeconds.Highest)}) must be at most {ConfigIssues.Show(InputLimits.MaxIntervalSeconds)} s between two requests, got {ConfigIssues.Show(config.TimeScale)}.");

        if (config.Providers is { } providers)
        {
            var path = config.PathOf("providers");
            if (providers.Count == 0) issues.Error(path, "must list at least one provider id (or be \"all\"), got none.");
            if (providers.Count > InputLimits.MaxProviders) issues.Error(path, $"must list at most {InputLimits.MaxProviders} providers, got {providers.Count}.");
            foreach (var longId in providers.Where(id => id.Length > InputLimits.MaxTextLength).Take(3))
                issues.Error(path, $"holds a provider id longer than {InputLimits.MaxTextLength} characters, got '{Excerpt.Of(longId)}'.");
            foreach (var blank in providers.Where(string.IsNullOrWhiteSpace).Take(3)) issues.Error(path, $"holds an empty provider id '{Excerpt.Of(blank)}'.");
            foreach (var twice in providers.Where(id => !string.IsNullOrWhiteSpace(id)).GroupBy(id => id).Where(g => g.Count() > 1).Take(3))
                issues.Error(path, $"lists '{Excerpt.Of(twice.Key)}' {twice.Count()} times.");
            if (config.World is { } world && providers.Where(id => !world.ProviderIds.Contains(id)).Take(3).ToArray() is { Length: > 0 } outside)
                issues.Error(path, $"names {string.Join(", ", outside.Select(id => $"'{Excerpt.Of(id)}'"))}, not a provider of the world '{Excerpt.Of(world.Name)}'.");
            if (config.Strategies.Contains(Strategies.Auction) && providers.Distinct().Count() == 1)
                issues.Error(path, $"must list at least 2 providers for the auction, got 1 ('{Excerpt.Of(providers[0])}').");
        }
    }

    private static void Distribution(ExperimentConfig config, string name, ClampedNormalSpec spec, double lowest, bool exclusive, double highest, ConfigIssues issues)
    {
        string Path(string field) => config.PathOf($"{name}.{field}");
        foreach (var (field, value) in new[] { ("mean", spec.Mean), ("std_dev", spec.StdDev), ("lowest", spec.Lowest), ("highest", spec.Highest) })
        {
            if (!double.IsFinite(value)) issues.Error(Path(field), $"must be a finite number, got {ConfigIssues.Show(value)}.");
        }

        if (spec.StdDev < 0) issues.Error(Path("std_dev"), $"must be ≥ 0, got {ConfigIssues.Show(spec.StdDev)}.");
        foreach (var (field, value) in new[] { ("mean", spec.Mean), ("std_dev", spec.StdDev), ("lowest", spec.Lowest), ("highest", spec.Highest) })
        {
            // beyond these a draw, a sum or a wait overflows (Infinity rates, TimeSpan overflow)
            if (double.IsFinite(value) && Math.Abs(value) > highest)
                issues.Error(Path(field), $"must be at most {ConfigIssues.Show(highest)}, got {ConfigIssues.Show(value)}.");
        }
        if (spec.Lowest > spec.Highest)
        {
            issues.Error(Path("lowest"),
                $"must not exceed {Path("highest")} ({ConfigIssues.Show(spec.Highest)}), got {ConfigIssues.Show(spec.Lowest)}.");
            return;
        }

        if (exclusive ? spec.Lowest <= lowest : spec.Lowest < lowest)
        {
            issues.Error(Path("lowest"), $"must be {(exclusive ? ">" : "≥")} {ConfigIssues.Show(lowest)} (every drawn {name} lies in [lowest, highest]), got {ConfigIssues.Show(spec.Lowest)}.");
        }
        else if (spec.Mean < spec.Lowest || spec.Mean > spec.Highest)
        {
            issues.Warning(Path("mean"),
                $"is {ConfigIssues.Show(spec.Mean)}, outside [{ConfigIssues.Show(spec.Lowest)}, {ConfigIssues.Show(spec.Highest)}]: draws are clamped, so most {name} values will sit on a bound.");
        }
    }
}
