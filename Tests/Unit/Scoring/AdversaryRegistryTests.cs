using Auction.Grains.Interfaces.Models;
using Auction.Grains.Scoring.Adversaries;
using Auction.Tests.Support;

namespace Auction.Tests.Unit.Scoring;

/// <summary>
/// The adversary registry: every kind once, every parameter named once in each input, every check naming its field,
/// the factory building each kind's class, the one display name, and the docs describing every kind it lists.
/// </summary>
public sealed class AdversaryRegistryTests
{
    public static TheoryData<string> Kinds() => new(AdversaryRegistry.Names);

    public static TheoryData<string> ParameterNames() => new(AdversaryRegistry.Parameters.Select(p => p.Name));

    [Fact]
    public void Every_adversary_class_is_built_by_exactly_one_kind_and_every_kind_is_listed_once()
    {
        var classes = typeof(IAdversary).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAdversary).IsAssignableFrom(t))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);
        var built = AdversaryRegistry.Kinds.Select(k => k.Create(k.Settings(), seed: 1, allies: []).GetType().Name);

        Assert.Equal(classes, built.Order(StringComparer.Ordinal));
        Assert.Equal(AdversaryRegistry.Names.Distinct().Count(), AdversaryRegistry.Kinds.Count);
        Assert.All(AdversaryRegistry.Kinds, k => Assert.Same(k, AdversaryRegistry.Find(k.Name)));
    }

    [Theory]
    [InlineData(AdversaryKinds.Liar, nameof(LiarAdversary))]
    [InlineData(AdversaryKinds.Colluder, nameof(ColluderAdversary))]
    [InlineData(AdversaryKinds.OnOff, nameof(OnOffAdversary))]
    public void The_factory_builds_the_class_of_the_kind_its_settings_name(string kind, string expectedClass)
    {
        var adversary = Adversary.Create(new AdversarySettings { Kind = kind }, seed: 4, allies: ["provider-9"]);

        Assert.Equal(expectedClass, adversary.GetType().Name);
    }

    [Fact]
    public void Parameter_names_are_unique_in_every_input_that_names_them()
    {
        var parameters = AdversaryRegistry.Parameters;

        Assert.Equal(parameters.Count, parameters.Select(p => p.Name).Distinct().Count());
        Assert.Equal(parameters.Count, parameters.Select(p => p.ConfigName).Distinct().Count());
        // setting names are case-insensitive (.NET configuration), and Kind is taken
        Assert.Equal(parameters.Count + 1, parameters.Select(p => p.SettingName).Append("Kind").Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(ParameterNames))]
    public void A_parameter_refuses_a_value_below_its_minimum_naming_the_field_and_the_value(string name)
    {
        var (kind, parameter) = AdversaryRegistry.Kinds.SelectMany(k => k.Parameters.Select(p => (k, p))).Single(x => x.p.Name == name);
        int below = parameter.Minimum - 1;

        Assert.Null(parameter.Problem(parameter.Minimum));
        Assert.Null(parameter.Problem(parameter.Default));
        var problem = Assert.Single(kind.Check(new Dictionary<string, int> { [name] = below }, "providers[2].behaviour"));
        Assert.Equal($"providers[2].behaviour.{name} must be ≥ {parameter.Minimum}, got {below}.", problem.Message);
        var flat = Assert.Single(AdversaryRegistry.Check(kind.Settings().WithParameter(name, below), p => $"topology.{p.ConfigName}"));
        Assert.Equal($"topology.{parameter.ConfigName} must be ≥ {parameter.Minimum}, got {below}.", flat.Message);
    }

    [Fact]
    public void Every_problem_of_a_parameter_set_is_reported_at_once()
    {
        var problems = AdversaryRegistry.OnOff.Check(new Dictionary<string, int> { ["honest_transactions"] = -1, ["lying_transactions"] = -2, ["allies"] = 3 });

        Assert.Equal(
            [
                "allies is not a parameter of on-off (its parameters: honest_transactions, lying_transactions), got 3.",
                "honest_transactions must be ≥ 0, got -1.",
                "lying_transactions must be ≥ 0, got -2.",
            ],
            problems.Select(p => p.Message).Order(StringComparer.Ordinal));
        Assert.Equal(["liar.honest_transactions is not a parameter of liar (it has none), got 5."],
            AdversaryRegistry.Liar.Check(new Dictionary<string, int> { ["honest_transactions"] = 5 }, "liar").Select(p => p.Message));
        // a flat input (a config's topology) may set another kind's parameter: only its range is checked
        Assert.Empty(AdversaryRegistry.Check(AdversaryRegistry.Liar.Settings().WithParameter("honest_transactions", 5), p => p.Name));
    }

    [Fact]
    public void A_parameter_with_a_maximum_names_both_bounds()
    {
        var percent = new AdversaryParameter("lie_percent", "lie_percent", "LiePercent", Default: 50) { Maximum = 100 };

        Assert.Equal("must be between 0 and 100, got 101.", percent.Problem(101));
        Assert.Null(percent.Problem(100));
    }

    [Fact]
    public void An_unknown_kind_is_refused_naming_the_kinds_and_the_value()
    {
        var error = Assert.Throws<ArgumentException>(() => Adversary.Create(new AdversarySettings { Kind = "sneaky" }, 1, []));

        Assert.StartsWith("adversary must be one of liar, colluder, on-off, got 'sneaky'.", error.Message);
        Assert.Null(AdversaryRegistry.Find("Liar"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_adversary_is_named_in_results_by_its_kinds_display_name(string name)
    {
        var kind = AdversaryRegistry.Find(name)!;
        // every parameter one above its default, so that a name built from defaults alone would differ
        var settings = kind.Parameters.Aggregate(kind.Settings(), (s, p) => s.WithParameter(p.Name, p.Default + 1));

        var adversary = kind.Create(settings, seed: 2, allies: []);

        Assert.Equal(kind.DisplayName(settings), adversary.Name);
        Assert.Equal(kind.DisplayName(settings), AdversaryRegistry.DisplayName(settings));
        Assert.StartsWith(name, adversary.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void The_on_off_name_shows_its_periods_with_infinity_for_lying_for_ever()
    {
        Assert.Equal("on-off(20/∞)", AdversaryRegistry.DisplayName(new AdversarySettings { Kind = AdversaryKinds.OnOff }));
        Assert.Equal("on-off(0/3)", AdversaryRegistry.OnOff.DisplayName(AdversaryRegistry.OnOff.Settings(
            new Dictionary<string, int> { ["honest_transactions"] = 0, ["lying_transactions"] = 3 })));
        Assert.Equal("liar", AdversaryRegistry.DisplayName(AdversarySettings.Liar.WithParameter("honest_transactions", 4)));
    }

    [Fact]
    public void Settings_are_equal_when_they_say_the_same()
    {
        var built = AdversaryRegistry.OnOff.Settings(new Dictionary<string, int> { ["lying_transactions"] = 2, ["honest_transactions"] = 1 });
        var set = new AdversarySettings { Kind = AdversaryKinds.OnOff }.WithParameter("honest_transactions", 1).WithParameter("lying_transactions", 2);

        Assert.Equal(built, set);
        Assert.Equal(built.GetHashCode(), set.GetHashCode());
        Assert.NotEqual(built, set.WithParameter("lying_transactions", 3));
    }

    [Fact]
    public void The_research_page_describes_every_kind_and_every_parameter_by_each_of_its_names()
    {
        var page = File.ReadAllText(RepositoryRoot.Combine("docs", "research.md"));

        var missing = AdversaryRegistry.Names.Select(n => $"`{n}`")
            .Concat(AdversaryRegistry.Parameters.SelectMany(p => new[] { $"`{p.Name}`", $"`{p.ConfigName}`", $"`Auction__Adversary__{p.SettingName}`" }))
            .Where(name => !page.Contains(name, StringComparison.Ordinal))
            .ToArray();

        Assert.True(missing.Length == 0, $"docs/research.md does not mention {string.Join(", ", missing)}");
    }
}
