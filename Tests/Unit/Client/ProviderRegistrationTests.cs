using Auction.Client.Experiments;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;

namespace Auction.Tests.Unit.Client;

public sealed class ProviderRegistrationTests
{
    private static readonly TimeSpan LiveWithin = TimeSpan.FromMinutes(1);

    /// <summary>A registry whose n-th answer is the n-th list given (the last one repeated).</summary>
    private sealed class ScriptedRegistry(params ProviderInfo[][] answers) : IProviderRegistryGrain
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<ProviderInfo>> GetProviders() =>
            Task.FromResult<IReadOnlyList<ProviderInfo>>(answers[Math.Min(Calls++, answers.Length - 1)]);

        public Task<IReadOnlyList<ProviderInfo>> Heartbeat(ProviderInfo provider) => throw new NotSupportedException();
    }

    private static ProviderInfo Seen(string id, TimeSpan ago) => new(id, false, DateTimeOffset.UtcNow - ago);

    [Fact]
    public async Task Asks_again_until_enough_providers_are_live()
    {
        var registry = new ScriptedRegistry(
            [Seen("p1", TimeSpan.Zero)],
            [Seen("p1", TimeSpan.Zero), Seen("p2", TimeSpan.Zero)],
            [Seen("p1", TimeSpan.Zero), Seen("p2", TimeSpan.Zero), Seen("p3", TimeSpan.Zero)]);
        var result = await ProviderRegistration.WaitForLiveAsync(registry, 3, LiveWithin, TimeSpan.FromSeconds(60));
        Assert.True(result.Enough);
        Assert.Equal(3, result.Live);
        Assert.Equal(["p1", "p2", "p3"], result.Providers.Select(p => p.Id));
        Assert.Equal(3, registry.Calls);
    }

    [Fact]
    public async Task A_provider_not_heard_from_within_the_window_is_not_live()
    {
        var registry = new ScriptedRegistry([Seen("p1", TimeSpan.Zero), Seen("stale", TimeSpan.FromHours(1))]);
        var result = await ProviderRegistration.WaitForLiveAsync(registry, 2, LiveWithin, TimeSpan.FromSeconds(1));
        Assert.False(result.Enough);
        Assert.Equal(1, result.Live);
        Assert.Equal(2, result.Providers.Count); // the last list, stale one included, for the caller to report
    }

    [Fact]
    public async Task Enough_at_once_asks_once()
    {
        var registry = new ScriptedRegistry([Seen("p1", TimeSpan.Zero)]);
        var result = await ProviderRegistration.WaitForLiveAsync(registry, 1, LiveWithin, TimeSpan.FromSeconds(60));
        Assert.Equal((true, 1, 1), (result.Enough, result.Live, registry.Calls));
    }
}
