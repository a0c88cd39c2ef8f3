using Auction.Grains.Scoring.Adversaries;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Providers;
using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Worlds;

/// <summary>
/// The reference world: the <c>reference</c> shorthand of a world file expands to exactly the providers of
/// <see cref="ReferenceTopology.Create"/>, and those follow the rule docs/research.md states.
/// </summary>
public sealed class ReferenceWorldTests : IDisposable
{
    private readonly WorldFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly AuctionParameters Parameters = AuctionParameters.Default with { Tau = 2, MockRssi = 90 };

    public static TheoryData<int, int?, string> Grid()
    {
        var data = new TheoryData<int, int?, string>();
        foreach (var count in new[] { 2, 4, 10, 20 })
        {
            foreach (var faulty in new int?[] { null, 0, 1, count })
            {
                foreach (var adversary in AdversaryRegistry.Names) data.Add(count, faulty, adversary);
            }
        }
        return data;
    }

    private static AdversarySettings Adversary(string kind) => new AdversarySettings { Kind = kind }.WithParameter("honest_transactions", 7).WithParameter("lying_transactions", 3);

    [Theory]
    [MemberData(nameof(Grid))]
    public void The_shorthand_expands_to_the_reference_topology(int count, int? faulty, string adversary)
    {
        var faultyField = faulty is { } f ? $", \"faulty\": {f}" : "";
        var reading = _files.Parse(
            $$"""{"name": "ref", "reference": {"providers": {{count}}{{faultyField}}, "adversary": "{{adversary}}", "honest_transactions": 7, "lying_transactions": 3""" + "}}");
        Assert.Empty(reading.Problems);

        var expanded = WorldExpansion.Expand(reading.World!, seed: 42, Parameters, new EndpointLayout("10.0.0.1", 6000, 2));
        var created = ReferenceTopology.Create(count, Parameters, seed: 42, host: "10.0.0.1", basePort: 6000, portsPerProvider: 2, faulty: faulty, adversary: Adversary(adversary));

        Assert.Equal("ref", reading.World!.Name);
        Assert.Equal(ReferenceTopology.World(count, faulty, Adversary(adversary)).Description, reading.World.Description);
        Assert.Equal(created.Select(Comparable), expanded.Select(Comparable));
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void The_reference_topology_follows_its_documented_rule(int count, int? faulty, string adversary)
    {
        var created = ReferenceTopology.Create(count, Parameters, seed: 42, faulty: faulty, adversary: Adversary(adversary));

        var faultyCount = faulty ?? count / 2;
        var faultyIds = Enumerable.Range(count - faultyCount, faultyCount).Select(i => $"provider-{i}").ToArray();
        Assert.Equal(count, created.Count);
        for (var i = 0; i < count; i++)
        {
            var p = created[i];
            var isFaulty = i >= count - faultyCount;
            var claim = (i + 1) * 10.0;
            var shaped = isFaulty && adversary != AdversaryKinds.OnOff ? 1 : claim;
            Assert.Equal($"provider-{i}", p.Id);
            Assert.Equal(0.2 + 0.1 * (i % 5), p.AskPrice, 10);
            Assert.Equal((claim, claim), (p.ClaimedUplink, p.ClaimedDownlink));
            Assert.Equal(new LinkEndpoint("127.0.0.1", 5201 + 4 * i, 4, shaped, shaped), p.Endpoint);
            Assert.Equal(isFaulty, p.Faulty);
            Assert.Equal(42 * 7919 + i, p.Seed);
            Assert.Same(Parameters, p.Parameters);
            Assert.Equal(isFaulty ? Adversary(adversary) : AdversarySettings.Liar, p.Adversary);
            Assert.Equal(isFaulty && adversary == AdversaryKinds.Colluder ? faultyIds.Where(id => id != p.Id).ToArray() : Array.Empty<string>(), p.Allies);
        }
    }

    [Fact]
    public void The_shorthand_defaults_to_ten_providers_five_of_them_liars()
    {
        var reading = _files.Parse("""{"name": "ref", "description": "d", "reference": {}}""");

        Assert.Empty(reading.Problems);
        Assert.Equal("d", reading.World!.Description);
        Assert.Equal(ReferenceTopology.Create().Select(Comparable), WorldExpansion.Expand(reading.World).Select(Comparable));
    }

    [Theory]
    [InlineData("\"providers\": 1", "reference.providers", "must be between 2 and 1000, got 1.")]
    [InlineData("\"providers\": 4, \"faulty\": 5", "reference.faulty", "must be between 0 and 4 (the provider count), got 5.")]
    [InlineData("\"faulty\": -1", "reference.faulty", "must be between 0 and 10 (the provider count), got -1.")]
    [InlineData("\"adversary\": \"honest\"", "reference.adversary", "must be one of liar, colluder, on-off, got \"honest\".")]
    [InlineData("\"honest_transactions\": -2", "reference.honest_transactions", "must be ≥ 0, got -2.")]
    [InlineData("\"allies\": []", "reference.allies", "is not a known field (allowed: adversary, faulty, honest_transactions, lying_transactions, providers), got an array.")]
    public void A_bad_shorthand_is_named_field_by_field(string fields, string path, string sentence)
    {
        var reading = _files.Parse("""{"name": "ref", "reference": {""" + fields + "}}");

        Assert.Null(reading.World);
        Assert.Equal([$"world.json: {path} {sentence}"], reading.Messages);
    }

    /// <summary>A provider with its allies as a value: lists compare by reference in a record.</summary>
    private static (ProviderConfig Config, string Allies) Comparable(ProviderConfig p) => (p with { Allies = [] }, string.Join(",", p.Allies));
}
