using System.Net;
using Auction.Grains;
using Auction.Grains.Network;
using Auction.Grains.Persistence;
using Auction.Grains.Placement;
using Npgsql;
using Auction.Grains.Providers;
using Auction.Silo.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Auction.Silo;

/// <summary>Builds the silo host a <see cref="SiloPlan"/> describes: clustering, the auction grains and their adapters, the dashboard.</summary>
public static class SiloHost
{
    public static async Task<IHost> BuildAsync(string[] args)
    {
        // The plain host reads the same configuration (appsettings.json, environment, command line); the web host —
        // which loads ASP.NET Core's ~40 assemblies, ≈ 10 MB of resident memory — is only made for the dashboard.
        var plain = Host.CreateApplicationBuilder(args);
        var settings = plain.Configuration.GetSection("Auction").Get<SiloSettings>() ?? new SiloSettings();
        var plan = SiloPlan.From(settings, plain.Configuration.GetConnectionString("Auction"));
        if (plan.ConnectionString is not null && settings.Database.Migrate)
        {
            // Before Orleans starts: its membership tables come from these migrations.
            await MigrateAsync(plan.ConnectionString, TimeSpan.FromSeconds(settings.Database.StartupTimeoutSeconds));
        }

        if (plan.HostsDashboard)
        {
            var web = WebApplication.CreateBuilder(args);
            web.WebHost.UseUrls(settings.Dashboard.Urls);
            Configure(web, plan);
            var app = web.Build();
            app.MapGet("/health", () => Results.Text("ok"));
            app.MapOrleansDashboard();
            SiloTelemetry.MapScrapeEndpoint(app, plan);
            return app;
        }
        // No dashboard: no web server either.
        Configure(plain, plan);
        return plain.Build();
    }

    private static void RequireCommand(string command, string install)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, command))))
            throw new SiloStartupException($"the {command} command is not installed, and the lab and container modes need it; install it ({install}) or use Auction:Network:Mode=simulated.");
    }

    /// <summary>The configured address; in a container, the container's own; otherwise loopback.</summary>
    private static IPAddress AdvertisedAddress(SiloPlan plan)
    {
        string? configured = plan.Settings.Cluster.AdvertisedAddress;
        if (!string.IsNullOrWhiteSpace(configured)) return IPAddress.Parse(configured);
        if (plan.NetworkMode != SiloPlan.Container) return IPAddress.Loopback;
        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new SiloStartupException($"cannot find this container's IPv4 address from its host name '{Dns.GetHostName()}'; set Auction:Cluster:AdvertisedAddress.");
    }

    private static async Task MigrateAsync(string connectionString, TimeSpan timeout)
    {
        var where = new NpgsqlConnectionStringBuilder(connectionString);
        string database = $"PostgreSQL at {where.Host ?? "localhost"}:{where.Port} (database '{where.Database}')";
        try
        {
            await SchemaMigrator.MigrateAsync(connectionString).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new SiloStartupException($"{database} did not answer within {timeout.TotalSeconds:0} s; check that it runs and ConnectionStrings:Auction points at it.");
        }
        catch (NpgsqlException e)
        {
            throw new SiloStartupException($"cannot use {database}: {e.Message}");
        }
    }

    /// <summary>This silo's outbox file: stable across restarts of the same silo, distinct for silos side by side.</summary>
    private static string OutboxPath(SiloPlan plan)
    {
        var settings = plan.Settings;
        var directory = settings.Database.OutboxDirectory is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "auction", "outbox");
        return Path.Combine(directory, $"transactions-{settings.Cluster.ClusterId}-{plan.Role}-{settings.Cluster.SiloPort}.jsonl");
    }

    private static void Configure(IHostApplicationBuilder builder, SiloPlan plan)
    {
        var settings = plan.Settings;
        builder.Services.AddSingleton(plan);
        var catalog = new InMemoryProviderCatalog();
        catalog.AddRange(plan.Providers);
        builder.Services.AddSingleton(catalog);
        if (plan.ConnectionString is not null && plan.Role is not SiloRoles.Provider)
        {
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(plan.ConnectionString));
            // A finished transaction is on the local disk before the consumer answers (the outbox), so a SIGKILL
            // while PostgreSQL is away loses nothing; the outbox is replayed when the silo starts again.
            builder.Services.AddSingleton(sp => new OutboxTransactionLog(
                new TransactionOutbox(OutboxPath(plan), sp.GetRequiredService<ILogger<TransactionOutbox>>()),
                new PostgresTransactionLog(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILogger<PostgresTransactionLog>>(),
                    new PostgresTransactionLogOptions { DisposeFlushTimeout = TimeSpan.FromSeconds(5) }),
                sp.GetRequiredService<ILogger<OutboxTransactionLog>>()));
            builder.Services.AddSingleton<ITransactionLog>(sp => sp.GetRequiredService<OutboxTransactionLog>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxTransactionLog>());
        }
        if (!plan.RealNetwork)
        {
            builder.Services.AddSingleton<IFlowRunner>(sp => new SimulatedFlowRunner(settings.Network.SimulatedTimeScale, sp.GetRequiredService<AuctionClock>().Time));
        }
        else
        {
            RequireCommand("iperf3", "apt-get install iperf3");
            var maxRun = TimeSpan.FromSeconds(settings.Network.FlowTimeoutSeconds);
            builder.Services.AddSingleton<IFlowRunner>(sp => new Iperf3FlowRunner(
                new Iperf3FlowOptions { MaxRunTimeout = maxRun }, sp.GetRequiredService<ILogger<Iperf3FlowRunner>>()));
            if (plan.Role == SiloRoles.Provider)
            {
                // Shaped and serving before the silo joins: a provider is never in an auction without its link.
                RequireCommand("tc", "apt-get install iproute2");
                builder.Services.AddSingleton(sp => new TcLinkShaper(sp.GetRequiredService<ILogger<TcLinkShaper>>()));
                builder.Services.AddSingleton(sp => new LinkOutageSwitch(sp.GetRequiredService<ILogger<LinkOutageSwitch>>()));
                // The provider grain changes its world's link through ILinkControl: here, this silo's own interface and ports.
                builder.Services.AddSingleton<ProviderLinkControl>();
                builder.Services.AddSingleton<ILinkControl>(sp => sp.GetRequiredService<ProviderLinkControl>());
                builder.Services.AddHostedService<ProviderLinkService>();
                var endpoint = plan.Providers.Single().Endpoint;
                builder.Services.AddIperf3ServerPool(new Iperf3ServerPoolOptions
                {
                    BasePort = endpoint.BasePort,
                    Count = endpoint.PortCount,
                    RunDirectory = settings.Provider.RunDirectory,
                    Owner = plan.Providers.Single().Id,
                });
            }
        }

        builder.UseOrleans(silo =>
        {
            var cluster = settings.Cluster;
            if (plan.ConnectionString is null)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            }
            else
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = plan.ConnectionString;
                });
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                var address = AdvertisedAddress(plan);
                // only the advertised address (the lab bridge, the container's own): never every interface by default
                silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.ListenOnAnyAddress);
            }
            if (plan.Certificates is { } certificates) silo.UseTls(certificates.Member, certificates.Configure);
            silo.AddAuction(plan.Role, plan.Providers.Select(p => p.Id), consumer =>
            {
                consumer.Parameters = settings.EffectiveParameters();
                // The flow's own runner times out first; this is the consumer's last resort.
                consumer.FlowTimeout = TimeSpan.FromSeconds(settings.Network.FlowTimeoutSeconds) * 2 + TimeSpan.FromMinutes(1);
            });
            if (plan.HostsDashboard) silo.AddDashboard();
            silo.Configure<SiloOptions>(o => o.SiloName = plan.SiloName); // the dashboard shows which silo is which
        });
        // SIGTERM stops any silo within 20 s, also with PostgreSQL gone (membership updates that never finish).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownWatchdog.HostShutdownTimeout);
        builder.Services.AddHostedService<ShutdownWatchdog>();
        SiloTelemetry.Configure(builder, plan);
    }
}
