using Auction.Grains.Placement;
using System.Net;
using System.Net.Sockets;
using Auction.Grains;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Auction.Grains.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Auction.Client.Hosting;

/// <summary>What an <see cref="InProcessCluster"/> hosts and how long it may take to come up.</summary>
public sealed class InProcessClusterOptions
{
    /// <summary>The providers the silo hosts (its provider catalog); at least two.</summary>
    public required IReadOnlyList<ProviderConfig> Providers { get; init; }

    /// <summary>The consumer's default parameters; null takes the first provider's (deadline, consumer_tau, aggregator).</summary>
    public AuctionParameters? ConsumerParameters { get; init; }

    /// <summary>Where finished transactions go; null keeps them in an <see cref="InMemoryTransactionLog"/>.</summary>
    public ITransactionLog? TransactionLog { get; init; }

    /// <summary>Extra registrations made before <c>AddAuctionGrains</c> (which keeps them): a flow runner, a clock.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Extra silo configuration: grain call filters, options.</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; init; }

    /// <summary>Longest the silo may take to start or to stop.</summary>
    public TimeSpan StartStopTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest the providers may take to activate and hear every other provider's beacon.</summary>
    public TimeSpan BeaconExchangeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Log level of the silo's console log (errors only by default, so a CLI's output stays readable).</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Error;
}

/// <summary>
/// A single Orleans silo inside the calling process (Generic Host, localhost clustering on free ports) hosting the
/// auction grains in the simulated network mode, with a provider catalog filled with the given providers.
/// <see cref="StartAsync"/> returns once the silo is up, every provider is active and every provider has a beacon
/// row for every other one; <see cref="DisposeAsync"/> stops the silo.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TimeSpan _stopTimeout;
    private bool _disposed;

    private InProcessCluster(IHost host, InMemoryProviderCatalog catalog, ITransactionLog log, int siloPort, int gatewayPort, TimeSpan stopTimeout)
    {
        _host = host;
        Catalog = catalog;
        TransactionLog = log;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _stopTimeout = stopTimeout;
        ProviderIds = catalog.All.Select(c => c.Id).Order(StringComparer.Ordinal).ToArray();
    }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();
    public IGrainFactory GrainFactory => Client;
    public IServiceProvider Services => _host.Services;
    public InMemoryProviderCatalog Catalog { get; }
    public ITransactionLog TransactionLog { get; }
    public IReadOnlyList<string> ProviderIds { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }

    /// <summary>Starts the silo, activates the providers and waits (bounded) until they have exchanged beacons.</summary>
    public static async Task<InProcessCluster> StartAsync(InProcessClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Providers.Count < 2)
            throw new ArgumentException($"providers must list at least 2 providers, got {options.Providers.Count}.", nameof(options));
        var catalog = new InMemoryProviderCatalog();
        catalog.AddRange(options.Providers);
        var consumerParameters = options.ConsumerParameters ?? options.Providers[0].Parameters;
        var log = options.TransactionLog ?? new InMemoryTransactionLog();
        int siloPort = FreeTcpPort(), gatewayPort = FreeTcpPort(siloPort);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.StartStopTimeout);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(log);
        options.ConfigureServices?.Invoke(builder.Services);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "auction-inprocess", clusterId: $"inprocess-{Guid.NewGuid():N}");
            silo.AddAuction(SiloRoles.All, configureConsumer: consumer => consumer.Parameters = consumerParameters);
            options.ConfigureSilo?.Invoke(silo);
        });
        var host = builder.Build();
        var cluster = new InProcessCluster(host, catalog, log, siloPort, gatewayPort, options.StartStopTimeout);
        try
        {
            try
            {
                await host.StartAsync(cancellationToken).WaitAsync(options.StartStopTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"the in-process silo did not start within {options.StartStopTimeout.TotalSeconds:0} s.", e);
            }
            // The silo activated its providers as it started; they can score each other once they have heard each other.
            await BeaconExchange.WaitAsync(cluster.Client, cluster.ProviderIds, options.BeaconExchangeTimeout, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            using var cts = new CancellationTokenSource(_stopTimeout);
            await _host.StopAsync(cts.Token).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }

    /// <summary>A TCP port nobody listens on right now (the OS picks it), different from <paramref name="except"/>.</summary>
    internal static int FreeTcpPort(int except = 0)
    {
        for (int attempt = 0; attempt < 10; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port != except) return port;
        }
        throw new InvalidOperationException("could not find a free TCP port on 127.0.0.1.");
    }
}
