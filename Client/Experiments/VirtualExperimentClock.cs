using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;

namespace Auction.Client.Experiments;

/// <summary>
/// The simulated mode's clock. Request i is at Σ_{k=1..i} interval_k, the drawn intervals whatever the time scale, on a
/// clock whose 0 is the experiment's start (<paramref name="origin"/>) for every strategy. Each strategy's run starts
/// the providers afresh on that clock (<see cref="IProviderGrain.StartVirtualClock"/>), and before each request every
/// provider is moved to its time and has delivered the beacons due by then (<see cref="IProviderGrain.AdvanceClock"/>):
/// nothing the protocol reads depends on how fast the machine is.
/// </summary>
public sealed class VirtualExperimentClock(IGrainFactory grains, DateTimeOffset origin) : IExperimentClock
{
    private readonly DateTimeOffset _origin = ExperimentTime.OriginAt(origin);

    public string Kind => ExperimentClocks.Virtual;

    public async Task<DateTimeOffset> StartRunAsync(IReadOnlyList<string> providers)
    {
        await Task.WhenAll(providers.Select(id => grains.GetGrain<IProviderGrain>(id).StartVirtualClock(_origin, providers)));
        return _origin;
    }

    public long ElapsedMs(TimeSpan planned, TimeSpan wallElapsed, double timeScale) => (long)Math.Round(planned.TotalMilliseconds);

    public Task AdvanceAsync(ExperimentTime time, IReadOnlyList<string> providers) =>
        Task.WhenAll(providers.Select(id => grains.GetGrain<IProviderGrain>(id).AdvanceClock(time)));
}
