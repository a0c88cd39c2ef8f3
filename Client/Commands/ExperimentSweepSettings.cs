using System.ComponentModel;
using Auction.Client.Cli;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>The options of <c>experiment sweep</c>.</summary>
public sealed class ExperimentSweepSettings : ClusterConnectionSettings
{
    // [[ and ]]: literal brackets in help text, which Spectre would read as markup
    [CommandOption("-c|--config <FILE>")]
    [Description("The sweep: {\"name\", \"mode\": \"simulated\"|\"cluster\", \"seeds\": {\"from\", \"to\"}, \"axes\": [[{\"field\", \"values\"} | {\"name\", \"values\": [[{\"label\", \"set\"}]]}]], \"experiment\": {…}}.")]
    public string? Config { get; init; }

    [CommandOption("--parallel <N>")]
    [Description("Simulated experiments run at once (default: one per core). The cluster mode runs one at a time.")]
    public int? Parallel { get; init; }

    /// <summary>The connection string, once <see cref="ClusterConnectionSettings.Validate"/> accepted it.</summary>
    public string? ConnectionString { get; private set; }

    protected override void CheckOptions(OptionErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Config)) errors.Add("--config", "is required: the sweep file.");
        if (Parallel is < 1) errors.Add("--parallel", $"must be ≥ 1, got {Parallel}.");
        ConnectionString = ResolveConnectionString(out var connectionError);
        if (ConnectionString is null)
            errors.Add("--connection", $"is needed (a sweep is stored in PostgreSQL): {connectionError ?? $"pass --connection or set {ConnectionEnvironmentVariable}"}");
    }
}
