using Auction.Grains.Security;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Auction.Client.Experiments;

/// <summary>How the client finds a running cluster.</summary>
public sealed record ClusterEndpoint
{
    /// <summary>A silo gateway (static clustering), or null for ADO.NET clustering through <see cref="ConnectionString"/>.</summary>
    public IPEndPoint? Gateway { get; init; }
    public string? ConnectionString { get; init; }
    public string ClusterId { get; init; } = "auction";
    public string ServiceId { get; init; } = "auction";

    public string Describe() => Gateway is { } g
        ? $"gateway {g} (cluster '{ClusterId}', service '{ServiceId}')"
        : $"the cluster '{ClusterId}' (service '{ServiceId}') from PostgreSQL membership";
}

/// <summary>
/// A running cluster reached as an Orleans client: ADO.NET clustering (invariant Npgsql, the silos' membership
/// table) or a static gateway. Connecting retries until <c>timeout</c>, then fails; nothing waits longer.
/// </summary>
public sealed class RemoteExperimentCluster : IExperimentCluster
{
    private readonly IHost _host;

    private RemoteExperimentCluster(IHost host, string description)
    {
        _host = host;
        Description = description;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    public string Description { get; }

    public bool Shared => true;

    public bool WritesTransactions => false;

    public static async Task<RemoteExperimentCluster> ConnectAsync(ClusterEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        Exception? lastError = null;
        // The cluster's silos accept only members with a certificate of the cluster CA (Auction__Tls__* files).
        var tls = ClusterTlsSettings.FromEnvironment();
        var certificates = tls.Enabled && tls.Configured ? ClusterCertificates.Load(tls, ClusterTlsSettings.EnvironmentPrefix) : null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            if (endpoint.Gateway is { } gateway)
            {
                client.UseStaticClustering(gateway);
            }
            else
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = endpoint.ConnectionString;
                });
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = endpoint.ClusterId;
                o.ServiceId = endpoint.ServiceId;
            });
            if (certificates is not null) client.UseTls(certificates.Member, certificates.Configure);
            // A request's grain calls carry the client's trace, when this process listens to it (docs/observability.md).
            client.AddActivityPropagation();
            client.UseConnectionRetryFilter(async (exception, ct) =>
            {
                lastError = exception;
                if (DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1) >= deadline) return false;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                return true;
            });
        });
        var host = builder.Build();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await host.StartAsync(cts.Token).WaitAsync(timeout + TimeSpan.FromSeconds(1), cancellationToken);
            return new RemoteExperimentCluster(host, endpoint.Describe());
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await StopAsync(host);
            var reason = e is OperationCanceledException or TimeoutException
                ? lastError?.Message ?? "no answer"
                : e.Message;
            throw new ClusterUnreachableException(
                $"cannot connect to {endpoint.Describe()} within {timeout.TotalSeconds:0} s: {OneLine(reason)}", e);
        }
    }

    public Task<bool> FlushAsync(TimeSpan timeout) => Task.FromResult(true);

    /// <summary>The wall clock: the silos' providers beacon on their own timers.</summary>
    public IExperimentClock ClockFor(DateTimeOffset experimentStart) => new WallExperimentClock();

    public async ValueTask DisposeAsync() => await StopAsync(_host);

    private static async Task StopAsync(IHost host)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(cts.Token);
        }
        catch (Exception)
        {
            // Stopping a client that never connected can fail; there is nothing left to release but the host.
        }
        finally
        {
            host.Dispose();
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

/// <summary>The cluster could not be reached (exit code 3).</summary>
public sealed class ClusterUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
