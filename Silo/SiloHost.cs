using System.Net;
using Auction.Grains;
using Auction.Grains.Network;
using Auction.Grains.Providers;
using Auction.Silo.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Auction.Silo;

/// <summary>Builds the silo host a <see cref="SiloPlan"/> describes: clustering, the auction grains and their adapters, the dashboard.</summary>
public static class SiloHost
{
    public static IHost Build(string[] args)
    {
        var web = WebApplication.CreateBuilder(args);
        var settings = web.Configuration.GetSection("Auction").Get<SiloSettings>() ?? new SiloSettings();
        var plan = SiloPlan.From(settings, web.Configuration.GetConnectionString("Auction"));

        if (plan.HostsDashboard)
        {
            web.WebHost.UseUrls(settings.Dashboard.Urls);
            Configure(web, plan);
            var app = web.Build();
            app.MapGet("/health", () => Results.Text("ok"));
            app.MapOrleansDashboard();
            return app;
        }
        // No dashboard: no web server either.
        var plain = Host.CreateApplicationBuilder(args);
        Configure(plain, plan);
        return plain.Build();
    }

    private static void Configure(IHostApplicationBuilder builder, SiloPlan plan)
    {
        var settings = plan.Settings;
        builder.Services.AddSingleton(plan);
        var catalog = new InMemoryProviderCatalog();
        catalog.AddRange(plan.Providers);
        builder.Services.AddSingleton(catalog);
        if (!plan.RealNetwork)
            builder.Services.AddSingleton<IFlowRunner>(sp => new SimulatedFlowRunner(sp.GetRequiredService<AuctionClock>(), settings.Network.SimulatedTimeScale));

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
                var address = string.IsNullOrWhiteSpace(cluster.AdvertisedAddress) ? IPAddress.Loopback : IPAddress.Parse(cluster.AdvertisedAddress);
                silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
            }
            silo.AddAuction(plan.Role, plan.Providers.Select(p => p.Id), consumer => consumer.Parameters = settings.Parameters);
            if (plan.HostsDashboard) silo.AddDashboard();
        });
        builder.Services.AddHostedService<ProviderActivationService>();
    }
}
