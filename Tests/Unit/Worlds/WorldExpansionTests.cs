using Auction.Grains.Interfaces.Models;
using Auction.Grains.Worlds;

namespace Auction.Tests.Unit.Worlds;

/// <summary>A world's providers as they start: seeds, signal strength, behaviour and ports of the configurations every mode starts from.</summary>
public sealed class WorldExpansionTests
{
    private static World World(params WorldProvider[] providers) => new("w", null, providers);

    private static ProviderState State(double ask = 0.5, double? signal = null, Behaviour? behaviour = null) =>
        new(ask, new LinkRates(30, 40), new LinkRates(3, 4), true, signal, behaviour ?? Behaviour.Honest);

    [Fact]
    public void A_provider_starts_from_its_initial_state_not_from_its_steps()
    {
        var provider = new WorldProvider("a", State(), Schedule: [new ScheduleStep { AtMs = 0, AskPrice = 0.9, LinkUp = false }]);

        var config = WorldExpansion.Expand(World(provider, new WorldProvider("b", State())), seed: 3, layout: new EndpointLayout("h", 7000, 3))[0];

        Assert.Equal(0.5, config.AskPrice);
        Assert.Equal((30.0, 40.0), (config.ClaimedUplink, config.ClaimedDownlink));
        Assert.Equal(new LinkEndpoint("h", 7000, 3, 3, 4), config.Endpoint);
        Assert.False(config.Faulty);
    }

    [Fact]
    public void A_seed_of_its_own_wins_over_the_one_derived_from_the_experiment_seed()
    {
        var configs = WorldExpansion.Expand(World(new WorldProvider("a", State()), new WorldProvider("b", State(), Seed: 5)), seed: 11);

        Assert.Equal([11 * 7919, 5], configs.Select(c => c.Seed));
        Assert.Equal([5201, 5205], configs.Select(c => c.Endpoint.BasePort));
    }

    [Fact]
    public void A_signal_strength_replaces_the_experiments_mock_rssi_for_that_provider_only()
    {
        var parameters = AuctionParameters.Default with { MockRssi = 60, Tau = 1.5 };

        var configs = WorldExpansion.Expand(World(new WorldProvider("a", State(signal: 200)), new WorldProvider("b", State())), parameters: parameters);

        Assert.Equal(parameters with { MockRssi = 200 }, configs[0].Parameters);
        Assert.Same(parameters, configs[1].Parameters);
    }

    [Fact]
    public void A_behaviour_becomes_the_faulty_flag_the_adversary_and_the_allies()
    {
        var onOff = new AdversarySettings { Kind = AdversaryKinds.OnOff }.WithParameter("honest_transactions", 2).WithParameter("lying_transactions", 9);
        var colluder = new AdversarySettings { Kind = AdversaryKinds.Colluder };

        var configs = WorldExpansion.Expand(World(
            new WorldProvider("a", State(behaviour: Behaviour.Faulty(onOff))),
            new WorldProvider("b", State(behaviour: Behaviour.Faulty(colluder, ["c"]))),
            new WorldProvider("c", State(behaviour: Behaviour.Faulty(colluder, ["b"])))));

        Assert.Equal([true, true, true], configs.Select(c => c.Faulty));
        Assert.Equal([onOff, colluder, colluder], configs.Select(c => c.Adversary));
        Assert.Equal(["", "c", "b"], configs.Select(c => string.Join(",", c.Allies)));
    }
}
