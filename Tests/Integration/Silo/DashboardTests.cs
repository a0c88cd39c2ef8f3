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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (_silo.HasExited) throw new InvalidOperationException($"the silo exited with {_silo.ExitCode}:\n{_silo.Output}");
            try
            {
                if ((await _http.GetAsync($"http://127.0.0.1:{_dashboardPort}/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the dashboard did not answer within 90 s:\n{_silo.Output}");
            await Task.Delay(250);
        }
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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var counters = JsonDocument.Parse(await _http.GetStringAsync($"http://127.0.0.1:{_dashboardPort}/DashboardCounters"));
            var root = counters.RootElement;
            int hosts = root.GetProperty("hosts").GetArrayLength();
            int providers = root.GetProperty("simpleGrainStats").EnumerateArray()
                .Where(g => g.GetProperty("grainType").GetString() == "Auction.Grains.Providers.ProviderGrain")
                .Sum(g => g.GetProperty("activationCount").GetInt32());
            if (hosts == 1 && providers == 3) break;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"after 30 s the counters show {hosts} hosts and {providers} provider activations, expected 1 and 3");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task The_silo_stops_gracefully_on_SIGTERM()
    {
        await _silo.StopAsync(TimeSpan.FromSeconds(20));
        Assert.True(_silo.HasExited);
        Assert.Equal(0, _silo.ExitCode);
    }
}
