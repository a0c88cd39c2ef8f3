using System.ComponentModel;
using System.Net;
using Auction.Client.Cli;
using Auction.Client.Experiments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// How <c>experiment run</c> and <c>experiment sweep</c> find the cluster: a silo gateway or ADO.NET clustering
/// through --connection, its ids, and how long to wait for it. The silos' TLS files come from the environment
/// (Auction__Tls__*), like the silos' own.
/// </summary>
public abstract class ClusterConnectionSettings : DatabaseSettings
{
    [CommandOption("--gateway <HOST:PORT>")]
    [Description("Connect to a silo gateway (static clustering), e.g. 127.0.0.1:30000, instead of ADO.NET clustering through --connection.")]
    public string? Gateway { get; init; }

    [CommandOption("--cluster-id <ID>")]
    [Description("Orleans ClusterId of the cluster to connect to.")]
    [DefaultValue("auction")]
    public string ClusterId { get; init; } = "auction";

    [CommandOption("--service-id <ID>")]
    [Description("Orleans ServiceId of the cluster to connect to.")]
    [DefaultValue("auction")]
    public string ServiceId { get; init; } = "auction";

    [CommandOption("--connect-timeout <SECONDS>")]
    [Description("Longest wait for the cluster to accept the client (or an in-process cluster to start). "
                 + "The default is the longer, safer wait: a silo still starting on a busy machine is not taken for a missing one.")]
    [DefaultValue(60.0)]
    public double ConnectTimeout { get; init; } = 60;

    /// <summary>The parsed --gateway, once <see cref="Validate"/> accepted it.</summary>
    public IPEndPoint? GatewayEndpoint { get; private set; }

    public ClusterEndpoint Endpoint(string? connectionString) => new()
    {
        Gateway = GatewayEndpoint, ConnectionString = connectionString, ClusterId = ClusterId, ServiceId = ServiceId,
    };

    public sealed override ValidationResult Validate()
    {
        var errors = new OptionErrors();
        if (Gateway is { } text)
        {
            if (GatewayAddress.TryParse(text, out var gateway)) GatewayEndpoint = gateway;
            else errors.Add("--gateway", $"must be HOST:PORT with an IP address or resolvable host and a port 1..65535, got '{Excerpt.Of(text)}'.");
        }

        if (!double.IsFinite(ConnectTimeout) || ConnectTimeout <= 0)
            errors.Add("--connect-timeout", $"must be a finite number of seconds > 0, got {ConfigIssues.Show(ConnectTimeout)}.");
        CheckOptions(errors);
        return errors.ToResult();
    }

    /// <summary>The command's own option checks, reported together with the connection options'.</summary>
    protected abstract void CheckOptions(OptionErrors errors);
}
