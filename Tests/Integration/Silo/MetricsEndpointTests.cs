using System.Globalization;
using System.Net;
using Auction.Client.Experiments;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Silo;

/// <summary>A real all-in-one silo process serves Prometheus text at /metrics on loopback: the auction's series and Orleans' own.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const int Providers = 3;
    private readonly int _webPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();
    private SiloProcess _silo = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private string MetricsUrl => $"http://127.0.0.1:{_webPort}/metrics";

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Auction__Role"] = "all",
            ["Auction__ReferenceProviders"] = Providers.ToString(CultureInfo.InvariantCulture),
            ["Auction__Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Auction__Cluster__GatewayPort"] = _gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Auction__Dashboard__Urls"] = $"http://127.0.0.1:{_webPort}",
        });
        await Eventually.TrueAsync(async () =>
        {
            if (_silo.HasExited) throw new InvalidOperationException($"the silo exited with {_silo.ExitCode}:\n{_silo.Output}");
            try
            {
                return (await _http.GetAsync($"http://127.0.0.1:{_webPort}/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, TimeSpan.FromSeconds(90), "the silo's web host to answer");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task The_scrape_counts_the_auctions_run_and_carries_Orleans_series()
    {
        const int requests = 2;
        await using (var cluster = await RemoteExperimentCluster.ConnectAsync(
            new ClusterEndpoint { Gateway = new IPEndPoint(IPAddress.Loopback, _gatewayPort) }, TimeSpan.FromSeconds(30), CancellationToken.None))
        {
            var registry = cluster.Grains.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
            string[] ids = [];
            await Eventually.TrueAsync(async () => (ids = (await registry.GetProviders()).Select(p => p.Id).ToArray()).Length == Providers,
                TimeSpan.FromSeconds(30), $"the registry to list {Providers} providers");
            var consumer = cluster.Grains.GetGrain<IConsumerGrain>("c-scrape");
            for (int i = 0; i < requests; i++)
            {
                var record = await consumer.Purchase(new PurchaseRequest
                {
                    Providers = ids,
                    Qos = new Qos(Price: 0.5, Uplink: 25, Downlink: 25, Mu: 0.8, Delta: 0.8, Epsilon: 2, FlowSizeMb: 5),
                }).WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Equal(TransactionOutcome.Completed, record.Outcome);
            }
        }

        // The exporter reads the instruments at each scrape: the counter holds every request run above.
        string[] lines = [];
        double counted = 0;
        await Eventually.TrueAsync(async () =>
        {
            lines = (await _http.GetStringAsync(MetricsUrl)).Split('\n');
            counted = Sum(lines, "auction_transactions_total{", "consumer=\"c-scrape\"");
            return counted == requests;
        }, TimeSpan.FromSeconds(30), $"auction_transactions_total to count {requests} requests of c-scrape");
        Assert.Equal(requests, counted);
        Assert.Equal(requests, Sum(lines, "auction_decision_duration_milliseconds_count{", "consumer=\"c-scrape\""));
        Assert.Contains(lines, l => l.StartsWith("auction_flow_throughput_ratio_bucket{", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("orleans_", StringComparison.Ordinal));
    }

    /// <summary>The sum of the samples of the series that start with <paramref name="prefix"/> and carry <paramref name="label"/>.</summary>
    private static double Sum(IEnumerable<string> lines, string prefix, string label) => lines
        .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal))
        .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));
}
