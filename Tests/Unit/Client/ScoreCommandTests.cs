using System.Text.Json;
using System.Text.Json.Nodes;

using Auction.Tests.Support;

namespace Auction.Tests.Unit.Client;

public class ScoreCommandTests
{
    private const double Tol = 1e-12;

    private static JsonElement RunOk(params string[] args) => RunOkWithInput(null, args);

    private static JsonElement RunOkWithInput(string? stdin, params string[] args)
    {
        var r = CliRunner.Run(stdin, args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        Assert.Equal("", r.Error);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    private static void AssertNumber(JsonElement element, string expectedText, double expected)
    {
        // the printed text is the shortest round-trip form: it parses back to the very double that was computed
        Assert.Equal(JsonValueKind.Number, element.ValueKind);
        Assert.Equal(expected, element.GetDouble(), Tol);
        Assert.Equal(expectedText, element.GetRawText());
        Assert.Equal(element.GetRawText(), element.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    /*
     * examples/scenario-3.json, worked by hand. now = DAY = 86 400 000 ms; P_c 0.5, U_c 25, D_c 30, μ 0.8, δ 0.6, ε 2;
     * k_uptime = k_load = k_strength = 0.5; τ 3, consumer τ 1, default_peer_ff 0. Prices p0 0.3, p1 0.4, p2 0.25.
     *
     * Factors used:
     *   σ(2) = 1/(1+e^-2) = 0.8807970779778823       uptime of a run since 0: min(DAY, DAY)/(0.5·DAY) = 2;
     *                                                 load of CU 0: 255/127.5 = 2; strength of RSSI 255: 255/127.5 = 2
     *   σ(2)³ = 0.6833254493445459
     *   σ(1) = 0.7310585786300049                     uptime of a run since DAY/2: (DAY/2)/(DAY/2) = 1; RSSI 127.5: 127.5/127.5 = 1
     *   σ(1.6) = 0.8320183851339245                   load of CU 51: (255 − 51)/127.5 = 204/127.5 = 1.6
     *   PF(0.4) = ((1 − 0.4/0.5) + 1)/2 = 0.6;  PF(0.3) = (0.4 + 1)/2 = 0.7;  PF(0.25) = (0.5 + 1)/2 = 0.75
     *   s(1, w) = 1/2;  s(2, 0.8) = 2^0.8/(1+2^0.8) = 1.7411011265922482/2.7411011265922482 = 0.6351831056874558
     *   s(2, 0.6) = 2^0.6/(1+2^0.6) = 1.515716566510398/2.515716566510398 = 0.6024989407343608
     *   s(4, 0.8) = 4^0.8/(1+4^0.8) = 3.0314331330207964/4.0314331330207964 = 0.7519492530313435
     *
     * Score vectors (FF = PF · SF · uptime · load · strength · feedback):
     *   FF(p0→p1) = 0.6 · (s(50/25, .8)·s(60/30, .6)) · σ(2)³ · 0.5
     *             = 0.6 · 0.6351831056874558 · 0.6024989407343608 · 0.6833254493445459 · 0.5 = 0.07845201025754803
     *   FF(p0→p2) = 0.75 · (s(1)·s(1) = 0.25) · σ(1) · σ(1.6) · σ(1) · 0.9
     *             = 0.1875 · 0.7310585786300049² · 0.8320183851339245 · 0.9 = 0.07503796712864286
     *   FF(p1→p0) = 0.7 · 0.25 · σ(2)³ · 0.8 = 0.14 · 0.6833254493445459 = 0.09566556290823641
     *   FF(p1→p2) = default_peer_ff = 0 (p1 has no row for p2)
     *   FF(p2→p0) = 0.7 · 0.25 · σ(2)³ · 0.6 = 0.105 · 0.6833254493445459 = 0.0717491721811773
     *   FF(p2→p1) = 0.6 · (s(100/25, .8)·s(30/30, .6)) · σ(2)³ · 0.5 = 0.6 · 0.7519492530313435 · 0.5 · 0.6833254493445459 · 0.5
     *             = 0.07707390918179075
     *
     * Consensus (τ 3; X_t = scores of t by every s ≠ t; two values a, b: mean m, sd = |a−b|/2, |x − m| = sd ≤ 3 sd → both kept):
     *   target p0: {FF(p1→p0), FF(p2→p0)} → (0.09566556290823641 + 0.0717491721811773)/2 = 0.08370736754470685  (held by p1, p2)
     *   target p1: {FF(p0→p1), FF(p2→p1)} → (0.07845201025754803 + 0.07707390918179075)/2 = 0.07776295971966939  (held by p0, p2)
     *   target p2: {FF(p0→p2), FF(p1→p2)} → (0.07503796712864286 + 0)/2 = 0.03751898356432143                    (held by p0, p1)
     *   Every provider's own score is one of the two; the target's self-score is never there.
     *
     * Final (consumer τ 1): Y_t = {FFnew_st : s ≠ t}: two equal values → sd = 0 → their mean = the value itself:
     *   p0 0.08370736754470685, p1 0.07776295971966939, p2 0.03751898356432143 → winner p0 (the argmax).
     */
    [Fact]
    public void ThreeProviders_EveryNumberAsComputedByHand()
    {
        var root = RunOk("score", CliRunner.Example("scenario-3.json"));
        Assert.Equal("zscore", root.GetProperty("aggregator").GetString());

        var scores = root.GetProperty("scores");
        AssertNumber(scores.GetProperty("p0").GetProperty("p1"), "0.07845201025754803", 0.07845201025754803);
        AssertNumber(scores.GetProperty("p0").GetProperty("p2"), "0.07503796712864286", 0.07503796712864286);
        AssertNumber(scores.GetProperty("p1").GetProperty("p0"), "0.09566556290823641", 0.09566556290823641);
        AssertNumber(scores.GetProperty("p1").GetProperty("p2"), "0", 0);
        AssertNumber(scores.GetProperty("p2").GetProperty("p0"), "0.0717491721811773", 0.0717491721811773);
        AssertNumber(scores.GetProperty("p2").GetProperty("p1"), "0.07707390918179075", 0.07707390918179075);
        foreach (var vector in scores.EnumerateObject())
            Assert.False(vector.Value.TryGetProperty(vector.Name, out _), $"{vector.Name} scored itself");

        var consensus = root.GetProperty("consensus");
        AssertNumber(consensus.GetProperty("p0").GetProperty("p1"), "0.07776295971966939", 0.07776295971966939);
        AssertNumber(consensus.GetProperty("p0").GetProperty("p2"), "0.03751898356432143", 0.03751898356432143);
        AssertNumber(consensus.GetProperty("p1").GetProperty("p0"), "0.08370736754470685", 0.08370736754470685);
        AssertNumber(consensus.GetProperty("p1").GetProperty("p2"), "0.03751898356432143", 0.03751898356432143);
        AssertNumber(consensus.GetProperty("p2").GetProperty("p0"), "0.08370736754470685", 0.08370736754470685);
        AssertNumber(consensus.GetProperty("p2").GetProperty("p1"), "0.07776295971966939", 0.07776295971966939);
        Assert.Equal(2, consensus.GetProperty("p0").EnumerateObject().Count());

        var final = root.GetProperty("final");
        AssertNumber(final.GetProperty("p0"), "0.08370736754470685", 0.08370736754470685);
        AssertNumber(final.GetProperty("p1"), "0.07776295971966939", 0.07776295971966939);
        AssertNumber(final.GetProperty("p2"), "0.03751898356432143", 0.03751898356432143);
        Assert.Equal("p0", root.GetProperty("winner").GetString());

        // keys in ordinal order at every level
        Assert.Equal(["aggregator", "scores", "consensus", "final", "winner"], root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["p0", "p1", "p2"], final.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Stdin_GivesTheSameOutputAsTheFile()
    {
        string path = CliRunner.Example("scenario-3.json");
        var fromFile = CliRunner.Run(null, "score", path);
        var fromStdin = CliRunner.Run(File.ReadAllText(path), "score", "-");
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Equal("", fromStdin.Error);
        Assert.Equal(fromFile.Out, fromStdin.Out);
        Assert.Equal("p0", JsonDocument.Parse(fromStdin.Out).RootElement.GetProperty("winner").GetString());
    }

    [Fact]
    public void TenProviders_AgreesWithAnIndependentRecomputation()
    {
        string path = CliRunner.Example("scenario-10.json");
        var root = RunOk("score", path);
        var expected = IndependentAuction.Compute(File.ReadAllText(path));

        Assert.Equal(10, root.GetProperty("scores").EnumerateObject().Count());
        foreach (var (scorer, vector) in expected.Scores)
            foreach (var (target, ff) in vector)
                Assert.Equal(ff, root.GetProperty("scores").GetProperty(scorer).GetProperty(target).GetDouble(), Tol);
        foreach (var (provider, vector) in expected.Consensus)
        {
            Assert.Equal(vector.Count, root.GetProperty("consensus").GetProperty(provider).EnumerateObject().Count());
            foreach (var (target, value) in vector)
                Assert.Equal(value, root.GetProperty("consensus").GetProperty(provider).GetProperty(target).GetDouble(), Tol);
        }
        var final = root.GetProperty("final");
        Assert.Equal(10, final.EnumerateObject().Count());
        foreach (var (target, value) in expected.Final)
            Assert.Equal(value, final.GetProperty(target).GetDouble(), Tol);
        Assert.Equal(expected.Winner, root.GetProperty("winner").GetString());

        // pinned from the first run, and agreed with by the recomputation above
        Assert.Equal("provider-3", expected.Winner);
        Assert.Equal(0.03602693798223947, final.GetProperty("provider-3").GetDouble(), Tol);
        Assert.Equal(0.03341185392628622, final.GetProperty("provider-2").GetDouble(), Tol);
        Assert.Equal(0.009029604149507563, final.GetProperty("provider-8").GetDouble(), Tol);
    }

    [Fact]
    public void ModifiedZScoreAggregator_IsNamedInTheOutput()
    {
        var scenario = Scenario3();
        scenario["params"]!["aggregator"] = "modified-zscore";
        var root = RunOkWithInput(scenario.ToJsonString(), "score", "-");
        Assert.Equal("modified-zscore", root.GetProperty("aggregator").GetString());
        // with two scorers per target the MAD is |a − b|/2 and both values have |M| = 0.6745 ≤ 3 → the same means
        Assert.Equal(0.08370736754470685, root.GetProperty("final").GetProperty("p0").GetDouble(), Tol);
        Assert.Equal("p0", root.GetProperty("winner").GetString());
    }

    [Fact]
    public void OmittedParams_UseTheDefaults()
    {
        var scenario = Scenario3();
        scenario.Remove("params");
        var root = RunOkWithInput(scenario.ToJsonString(), "score", "-");
        // the example's params are the defaults of docs/algorithm.md, so nothing changes
        Assert.Equal(0.08370736754470685, root.GetProperty("final").GetProperty("p0").GetDouble(), Tol);
    }

    private static JsonObject Scenario3() => JsonNode.Parse(File.ReadAllText(CliRunner.Example("scenario-3.json")))!.AsObject();

    private static void AssertBadInput(CliRunner.Result r, params string[] fragments)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        string error = r.Error.TrimEnd('\n', '\r');
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith("error: ", error);
        Assert.DoesNotContain("   at ", error);
        foreach (string fragment in fragments) Assert.Contains(fragment, error);
    }

    private static void AssertBadScenario(Action<JsonObject> mutate, params string[] fragments)
    {
        var scenario = Scenario3();
        mutate(scenario);
        AssertBadInput(CliRunner.Run(scenario.ToJsonString(), "score", "-"), fragments);
    }

    [Theory]
    [InlineData("{\"now_ms\": 1,", "malformed JSON", "LineNumber")]
    [InlineData("{\"now_ms\": NaN}", "malformed JSON", "'N'")]
    [InlineData("", "malformed JSON")]
    [InlineData("[1, 2]", "the scenario must be an object", "an array")]
    [InlineData("{\"now_ms\": 1, \"now_ms\": 2}", "malformed JSON", "now_ms")]
    public void MalformedJson(string json, params string[] fragments) =>
        AssertBadInput(CliRunner.Run(json, "score", "-"), fragments);

    [Fact]
    public void MissingRequiredField()
    {
        AssertBadScenario(s => s["qos"]!.AsObject().Remove("epsilon"), "qos.epsilon", "missing");
        AssertBadScenario(s => s.Remove("now_ms"), "now_ms", "missing");
        AssertBadScenario(s => s["providers"]![1]!.AsObject().Remove("price"), "providers[1].price", "missing");
        AssertBadScenario(s => s["providers"]![2]!["peers"]!["p1"]!.AsObject().Remove("first_beacon_ms"),
            "providers[2].peers.p1.first_beacon_ms", "missing");
    }

    [Fact]
    public void WrongType()
    {
        AssertBadScenario(s => s["providers"]![0]!["price"] = "cheap", "providers[0].price", "\"cheap\"", "must be a number");
        AssertBadScenario(s => s["qos"] = 5, "qos", "must be an object", "5");
        AssertBadScenario(s => s["providers"] = new JsonObject(), "providers", "must be an array");
        AssertBadScenario(s => s["providers"]![1]!["id"] = 7, "providers[1].id", "must be a string", "7");
        AssertBadScenario(s => s["now_ms"] = 1.5, "now_ms", "1.5");
        AssertBadScenario(s => s["providers"]![0]!["peers"]!["p1"] = true, "providers[0].peers.p1", "must be an object", "true");
    }

    [Fact]
    public void NegativeOrZeroBandwidth()
    {
        AssertBadScenario(s => s["providers"]![1]!["peers"]!["p0"]!["uplink"] = -5, "providers[1].peers.p0.uplink", "-5");
        AssertBadScenario(s => s["providers"]![2]!["peers"]!["p1"]!["downlink"] = -0.25, "providers[2].peers.p1.downlink", "-0.25");
        AssertBadScenario(s => s["qos"]!["uplink"] = -1, "qos.uplink", "-1");
        AssertBadScenario(s => s["qos"]!["downlink"] = 0, "qos.downlink", "got 0");
    }

    [Fact]
    public void EpsilonBelowOne() =>
        AssertBadScenario(s => s["qos"]!["epsilon"] = 0.5, "qos.epsilon", "0.5");

    [Fact]
    public void NonFiniteNumbers()
    {
        AssertBadScenario(s => s["qos"]!["price"] = "NaN", "qos.price", "NaN", "finite");
        AssertBadScenario(s => s["providers"]![0]!["peers"]!["p2"]!["feedback"] = "-Infinity",
            "providers[0].peers.p2.feedback", "-Infinity", "finite");
        AssertBadInput(CliRunner.Run(Scenario3().ToJsonString().Replace("\"flow_size\":5", "\"flow_size\":1e999"), "score", "-"),
            "qos.flow_size", "1e999", "finite");
    }

    [Fact]
    public void OutOfRangeValues()
    {
        AssertBadScenario(s => s["providers"]![0]!["peers"]!["p1"]!["channel_utilization"] = 300,
            "providers[0].peers.p1.channel_utilization", "300");
        AssertBadScenario(s => s["providers"]![0]!["peers"]!["p1"]!["rssi"] = -3, "providers[0].peers.p1.rssi", "-3");
        AssertBadScenario(s => s["providers"]![0]!["peers"]!["p1"]!["first_beacon_ms"] = 90_000_000,
            "providers[0].peers.p1.first_beacon_ms", "90000000");
        AssertBadScenario(s => s["providers"]![2]!["price"] = -0.1, "providers[2].price", "-0.1");
        AssertBadScenario(s => s["params"]!["tau"] = -1, "params.tau", "-1");
        AssertBadScenario(s => s["params"]!["k_load"] = 0, "params.k_load", "0");
        AssertBadScenario(s => s["params"]!["aggregator"] = "mode", "params.aggregator", "mode");
        AssertBadScenario(s => s["providers"]![0]!["peers"]!["p2"]!["feedback"] = 70, "providers[0].peers.p2.feedback", "70");
    }

    [Fact]
    public void UnknownField() =>
        AssertBadScenario(s => s["qos"]!["epsilom"] = 2, "qos.epsilom", "not a known field");

    [Fact]
    public void DuplicateProviderId() =>
        AssertBadScenario(s => s["providers"]![2]!["id"] = "p0", "providers[2].id", "\"p0\"", "duplicate");

    [Fact]
    public void PeerThatIsNotAProvider() =>
        AssertBadScenario(
            s => s["providers"]![1]!["peers"]!["p3"] = JsonNode.Parse("{\"first_beacon_ms\": 0, \"channel_utilization\": 0}"),
            "providers[1].peers.p3", "\"p3\"", "not a provider");

    [Fact]
    public void ProviderListingItself() =>
        AssertBadScenario(
            s => s["providers"]![1]!["peers"]!["p1"] = JsonNode.Parse("{\"first_beacon_ms\": 0, \"channel_utilization\": 0}"),
            "providers[1].peers.p1", "\"p1\"", "itself");

    [Fact]
    public void FewerThanTwoProviders() =>
        AssertBadScenario(s => s["providers"] = new JsonArray(JsonNode.Parse("{\"id\": \"p0\", \"price\": 0.3}")),
            "providers", "at least 2", "got 1");

    [Fact]
    public void UnreadableFile()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-scenario-{Guid.NewGuid():N}.json");
        AssertBadInput(CliRunner.Run(null, "score", missing), "cannot be read", missing);
        string directory = Directory.CreateTempSubdirectory("scenario-dir-").FullName;
        try
        {
            AssertBadInput(CliRunner.Run(null, "score", directory), "cannot be read", directory);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void MissingArgument() => AssertBadInput(CliRunner.Run(null, "score"), "SCENARIO");
}
