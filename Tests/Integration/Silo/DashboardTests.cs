using System.Text.Json;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Silo;

/// <summary>A real all-in-one silo process serves the Orleans Dashboard on loopback: its page and its JSON.</summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private readonly int _dashboardPort = FreePort.Next();
    private SiloProcess _silo = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Auction__Role"] = "all",
            ["Auction__ReferenceProviders"] = "3",
            ["Auction__Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Auction__Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Auction__Dashboard__Urls"] = $"http://127.0.0.1:{_dashboardPort}",
        });
        await Eventually.TrueAsync(async () =>
        {
            if (_silo.HasExited) throw new InvalidOperationException($"the silo exited with {_silo.ExitCode}:\n{_silo.Output}");
            try
            {
                return (await _http.GetAsync($"http://127.0.0.1:{_dashboardPort}/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, TimeSpan.FromSeconds(90), "the dashboard to answer");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task The_dashboard_page_and_its_counters_are_served_on_loopback()
    {
        string page = await _http.GetStringAsync($"http://127.0.0.1:{_dashboardPort}/");
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("index.min.js", page);

        // The counters list this one silo and the grains it activated: the three providers among them.
        int hosts = 0, providers = 0;
        await Eventually.TrueAsync(async () =>
        {
            using var counters = JsonDocument.Parse(await _http.GetStringAsync($"http://127.0.0.1:{_dashboardPort}/DashboardCounters"));
            var root = counters.RootElement;
            hosts = root.GetProperty("hosts").GetArrayLength();
            providers = root.GetProperty("simpleGrainStats").EnumerateArray()
                .Where(g => g.GetProperty("grainType").GetString() == "Auction.Grains.Providers.ProviderGrain")
                .Sum(g => g.GetProperty("activationCount").GetInt32());
            return hosts == 1 && providers == 3;
        }, TimeSpan.FromSeconds(30), "the counters to show 1 host and 3 provider activations");
        Assert.Equal((1, 3), (hosts, providers));
    }

    [Fact]
    public async Task The_silo_stops_gracefully_on_SIGTERM()
    {
        await _silo.StopAsync(TimeSpan.FromSeconds(20));
        Assert.True(_silo.HasExited);
        Assert.Equal(0, _silo.ExitCode);
    }
}
