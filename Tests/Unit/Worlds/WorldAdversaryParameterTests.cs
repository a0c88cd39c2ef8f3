using System.Text.Json.Nodes;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Json;
using Auction.Grains.Providers;
using Auction.Grains.Scoring.Adversaries;
using Auction.Grains.Worlds;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Worlds;

/// <summary>
/// A world names the adversary kinds' parameters as the adversary registry does: every parameter of every kind is read
/// by its name in a behaviour, a schedule step's behaviour and the <c>reference</c> shorthand, with no field of its own
/// in the world reader, and anything else written there is refused with its path.
/// </summary>
public sealed class WorldAdversaryParameterTests : IDisposable
{
    private readonly WorldFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Every kind with each of its parameters, by name: a kind added to the registry is covered here without an edit.</summary>
    public static TheoryData<string, string> KindParameters()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in AdversaryRegistry.Kinds)
        {
            foreach (var parameter in kind.Parameters) data.Add(kind.Name, parameter.Name);
        }
        return data;
    }

    [Fact]
    public void The_registry_has_parameters_for_the_tests_below_to_cover()
    {
        Assert.NotEmpty(KindParameters());
        Assert.Equal(AdversaryRegistry.Parameters.Select(p => p.Name), KindParameters().Select(row => (string)row[1]));
    }

    [Fact]
    public void An_on_off_behaviour_reads_both_its_periods()
    {
        var reading = _files.Parse(World("""{"kind": "on-off", "honest_transactions": 4, "lying_transactions": 9}"""));

        Assert.Empty(reading.Problems);
        var expected = new AdversarySettings { Kind = AdversaryKinds.OnOff }.WithParameter("honest_transactions", 4).WithParameter("lying_transactions", 9);
        Assert.Equal(expected, reading.World!.Providers[1].Initial.Behaviour.Adversary);
        Assert.Equal(expected, reading.World.Providers[2].Schedule[0].Behaviour!.Adversary);
        Assert.Equal("on-off(4/9)", AdversaryRegistry.DisplayName(expected));
    }

    [Theory]
    [MemberData(nameof(KindParameters))]
    public void Each_parameter_is_read_by_its_registry_name_in_a_behaviour_and_a_step(string kindName, string parameterName)
    {
        var kind = AdversaryRegistry.Find(kindName)!;
        var value = NotDefault(kind.Parameter(parameterName)!);

        var reading = _files.Parse(World(Behaviour(kindName, parameterName, value)));

        Assert.Empty(reading.Problems);
        var expected = kind.Settings(new Dictionary<string, int> { [parameterName] = value });
        Assert.Equal(expected, reading.World!.Providers[1].Initial.Behaviour.Adversary);
        Assert.Equal(expected, reading.World.Providers[2].Schedule[0].Behaviour!.Adversary);
        Assert.Equal(value, kind.Parameter(parameterName)!.ValueIn(reading.World.Providers[1].Initial.Behaviour.Adversary!));
    }

    [Theory]
    [MemberData(nameof(KindParameters))]
    public void Each_parameter_is_read_by_its_registry_name_in_the_reference(string kindName, string parameterName)
    {
        var kind = AdversaryRegistry.Find(kindName)!;
        var value = NotDefault(kind.Parameter(parameterName)!);

        var reading = _files.Parse($$$"""{"name": "ref", "reference": {"providers": 4, "faulty": 2, "adversary": "{{{kindName}}}", "{{{parameterName}}}": {{{value}}}}}""");

        Assert.Empty(reading.Problems);
        var expected = new AdversarySettings { Kind = kindName }.WithParameter(parameterName, value);
        var providers = WorldExpansion.Expand(reading.World!);
        Assert.Equal([null, null, expected, expected], providers.Select(p => p.Faulty ? p.Adversary : null));
        Assert.Equal(WorldExpansion.Expand(ReferenceTopology.World(4, 2, expected)).Select(p => p.Adversary), providers.Select(p => p.Adversary));
    }

    [Theory]
    [MemberData(nameof(KindParameters))]
    public void Each_parameter_out_of_its_range_is_refused_with_its_path_in_a_behaviour_and_the_reference(string kindName, string parameterName)
    {
        var parameter = AdversaryRegistry.Find(kindName)!.Parameter(parameterName)!;
        var outside = parameter.Minimum > int.MinValue ? parameter.Minimum - 1 : parameter.Maximum + 1;
        var sentence = parameter.Problem(outside)!;

        var world = _files.Parse(World(Behaviour(kindName, parameterName, outside)));
        var reference = _files.Parse($$$"""{"name": "ref", "reference": {"adversary": "{{{kindName}}}", "{{{parameterName}}}": {{{outside}}}}}""");

        Assert.Null(world.World);
        Assert.Equal(
            [$"providers[1].behaviour.{parameterName} {sentence}", $"providers[2].schedule[0].behaviour.{parameterName} {sentence}"],
            world.Problems.Select(p => $"{p.Path} {p.Sentence}"));
        Assert.Equal([$"world.json: reference.{parameterName} {sentence}"], reference.Messages);
    }

    public static TheoryData<string, string> BadValues() => new()
    {
        // a value as written, and how the sentence shows it
        { "\"7\"", "\"7\"" },
        { "2.5", "2.5" },
        { "true", "true" },
        { "[1]", "an array" },
        { "{\"n\": 1}", "an object" },
        { "3000000000", "3000000000" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_parameter_that_is_not_a_whole_number_is_refused_with_its_path_and_value(string written, string shown)
    {
        var parameter = AdversaryRegistry.Parameters[0];
        var kind = AdversaryRegistry.Kinds.First(k => k.Parameters.Contains(parameter));
        var sentence = $"{StrictConverters.WholeInt32Sentence}, got {shown}.";

        var world = _files.Parse(World($$"""{"kind": "{{kind.Name}}", "{{parameter.Name}}": {{written}}}"""));
        var reference = _files.Parse($$$"""{"name": "ref", "reference": {"adversary": "{{{kind.Name}}}", "{{{parameter.Name}}}": {{{written}}}}}""");

        Assert.Null(world.World);
        Assert.Equal(
            [$"world.json: providers[1].behaviour.{parameter.Name} {sentence}", $"world.json: providers[2].schedule[0].behaviour.{parameter.Name} {sentence}"],
            world.Messages);
        Assert.Null(reference.World);
        Assert.Equal([$"world.json: reference.{parameter.Name} {sentence}"], reference.Messages);
    }

    [Fact]
    public void A_parameter_written_as_null_reads_as_absent()
    {
        var parameter = AdversaryRegistry.Parameters[0];
        var kind = AdversaryRegistry.Kinds.First(k => k.Parameters.Contains(parameter));

        var reading = _files.Parse(World($$"""{"kind": "{{kind.Name}}", "{{parameter.Name}}": null}"""));

        Assert.Empty(reading.Problems);
        Assert.Equal(kind.Settings(), reading.World!.Providers[1].Initial.Behaviour.Adversary);
    }

    [Theory]
    [InlineData("frequency")]
    [InlineData("parameters")] // the name the reader keeps the extra fields under is not a field of the file
    [InlineData("HonestTransactions")]
    [InlineData("on_off_honest")] // an experiment config's topology name, not the world's
    public void Any_other_field_is_refused_as_unknown_naming_the_allowed_ones(string field)
    {
        var parameterNames = AdversaryRegistry.Parameters.Select(p => p.Name).ToArray();
        string Unknown(params string[] own) =>
            $"is not a known field (allowed: {string.Join(", ", own.Concat(parameterNames).Order(StringComparer.Ordinal))}), got 3.";

        var world = _files.Parse(World($$"""{"kind": "liar", "{{field}}": 3}"""));
        var reference = _files.Parse($$$"""{"name": "ref", "reference": {"{{{field}}}": 3}}""");

        Assert.Equal(
            [$"providers[1].behaviour.{field} {Unknown("allies", "kind")}", $"providers[2].schedule[0].behaviour.{field} {Unknown("allies", "kind")}"],
            world.Problems.Select(p => $"{p.Path} {p.Sentence}"));
        Assert.Equal([$"world.json: reference.{field} {Unknown("adversary", "faulty", "providers")}"], reference.Messages);
    }

    [Fact]
    public void Every_problem_of_the_parameters_is_named_at_once_with_the_others()
    {
        var parameter = AdversaryRegistry.Parameters[0];
        var tree = JsonNode.Parse(World($$"""{"kind": "liar", "colour": "red"}"""))!.AsObject();
        tree["providers"]![0]!["behaviour"] = JsonNode.Parse($$"""{"{{parameter.Name}}": "x", "speed": 2}""");
        tree["providers"]![0]!["ask_price"] = -1;

        var reading = _files.Parse(tree.ToJsonString());

        Assert.Null(reading.World);
        Assert.Equal(
            [
                "providers[0].ask_price",
                "providers[0].behaviour.kind",
                $"providers[0].behaviour.{parameter.Name}",
                "providers[0].behaviour.speed",
                "providers[1].behaviour.colour",
                "providers[2].schedule[0].behaviour.colour",
            ],
            reading.Problems.Select(p => p.Path));
    }

    /// <summary>A value of <paramref name="parameter"/> in its range other than its default, so that reading it is seen.</summary>
    private static int NotDefault(AdversaryParameter parameter) => parameter.Default < parameter.Maximum ? parameter.Default + 1 : parameter.Default - 1;

    private static string Behaviour(string kind, string parameter, int value) => $$"""{"kind": "{{kind}}", "{{parameter}}": {{value}}}""";

    /// <summary>A world with <paramref name="behaviour"/> as provider-1's behaviour and as the behaviour provider-2 changes to at request 5.</summary>
    private static string World(string behaviour) => $$$"""
        {
          "name": "parameters",
          "providers": [
            {"id": "provider-0", "ask_price": 0.2, "claimed": {"uplink": 10, "downlink": 10}},
            {"id": "provider-1", "ask_price": 0.3, "claimed": {"uplink": 20, "downlink": 20}, "behaviour": {{{behaviour}}}},
            {"id": "provider-2", "ask_price": 0.4, "claimed": {"uplink": 30, "downlink": 30}, "schedule": [{"at_request": 5, "behaviour": {{{behaviour}}}}]}
          ]
        }
        """;
}
