using Auction.Grains.Scoring.Adversaries;
using System.Text.RegularExpressions;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;
using Auction.Grains.Providers;
using static Auction.Grains.Worlds.WorldProblems;

namespace Auction.Grains.Worlds;

/// <summary>
/// Turns a world file as read (<see cref="WorldJson"/>) into a <see cref="World"/>: checks every rule of
/// docs/worlds.md, fills the defaults, loads the traces (from <paramref name="traces"/>) and names every problem; a
/// world with any problem is not built.
/// </summary>
internal sealed partial class WorldBuilder(WorldProblems problems, TraceFiles traces)
{
    private static readonly string[] Changes = ["shaped", "link", "ask_price", "claimed", "signal_strength", "behaviour"];

    // certificates name a provider silo by its id (infra/certs/make-certs.sh: a letter, then letters, digits, dashes)
    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    public World? Build(WorldJson json)
    {
        var name = Text(json.Name, "name", WorldLimits.MaxNameLength, required: true);
        var description = Text(json.Description, "description", WorldLimits.MaxDescriptionLength, required: false);
        if (json.Reference is { } reference)
        {
            if (json.Providers is not null) problems.Add("reference", "cannot be used together with providers: give one or the other.");
            var world = Reference(reference);
            return name is null || world is null || problems.All.Count > 0 ? null : world with { Name = name, Description = description ?? world.Description };
        }
        if (json.Providers is not { } list)
        {
            if (!problems.Has("providers")) problems.Add("providers", "is required unless the world is the reference world (reference), got neither.");
            return null;
        }
        if (list.Count > WorldLimits.MaxProviders)
        {
            problems.Add("providers", $"must list at most {WorldLimits.MaxProviders} providers, got {list.Count}.");
            return null;
        }
        if (list.Count < WorldLimits.MinProviders)
            problems.Add("providers", $"must list at least {WorldLimits.MinProviders} providers, got {list.Count}.");

        var drafts = list.Select((p, i) => p is null ? null : Provider(p, $"providers[{i}]")).ToArray();
        CheckUniqueIds(drafts);
        ResolveAllies(drafts);
        if (name is null || problems.All.Count > 0) return null;
        return new World(name, description, drafts.Select(d => d!.Build()).ToArray());
    }

    private string? Text(string? value, string path, int maxLength, bool required)
    {
        if (value is null)
        {
            if (required) problems.Missing(path);
            return null;
        }
        if (required && value.Trim().Length == 0) problems.Add(path, $"must not be empty, got {Quoted(value)}.");
        else if (value.Length > maxLength) problems.Add(path, $"must be at most {maxLength} characters, got {Quoted(value)}.");
        else return value;
        return null;
    }

    private World? Reference(ReferenceWorldJson json)
    {
        var count = json.Providers ?? 10;
        var countValid = count is >= WorldLimits.MinProviders and <= WorldLimits.MaxProviders;
        if (!countValid)
            problems.Add("reference.providers", $"must be between {WorldLimits.MinProviders} and {WorldLimits.MaxProviders}, got {count}.");
        var faultyValid = json.Faulty is not { } faulty || (faulty >= 0 && (!countValid || faulty <= count));
        if (!faultyValid)
            problems.Add("reference.faulty", $"must be between 0 and {count} (the provider count), got {json.Faulty}.");
        var adversary = BehaviourReader.Reference(json, problems);
        return countValid && faultyValid && adversary is not null ? ReferenceTopology.World(count, json.Faulty, adversary) : null;
    }

    private Draft Provider(WorldProviderJson json, string path)
    {
        var draft = new Draft(path);
        if (json.Id is not { } id) problems.Missing($"{path}.id");
        else if (id.Length > WorldLimits.MaxIdLength || !IdPattern().IsMatch(id))
            problems.Add($"{path}.id", $"must be 1 to {WorldLimits.MaxIdLength} lowercase letters, digits and dashes, starting with a letter, got {Quoted(id)}.");
        else draft.Id = id;

        var ask = Price(json.AskPrice, $"{path}.ask_price", required: true);
        var claimed = Rates(json.Claimed, $"{path}.claimed", WorldLimits.MaxClaimedRateMBps, required: true);
        var behaviour = json.Behaviour is { } b ? BehaviourReader.Read(b, $"{path}.behaviour", problems) : new BehaviourReader.Written(Behaviour.Honest, null, $"{path}.behaviour");
        if (behaviour is not null) draft.Behaviours.Add((-1, behaviour));
        var signal = SignalStrength(json.SignalStrength, $"{path}.signal_strength");
        draft.Seed = json.Seed;
        draft.Trace = json.Trace is { } trace ? Trace(trace, $"{path}.trace") : null;

        LinkRates? shaped;
        LinkImpairment? impairment = null;
        if (json.Shaped is not null && json.Trace is not null)
        {
            problems.Add($"{path}.shaped", $"cannot be given with a trace ({path}.trace sets the shaped rates from 0 s on), got an object.");
            shaped = null;
        }
        else if (json.Shaped is not null || problems.Has($"{path}.shaped"))
        {
            shaped = Shaped(json.Shaped, $"{path}.shaped", out impairment);
        }
        else if (json.Trace is not null)
        {
            shaped = draft.Trace?.Rows[0].Rates;
        }
        else
        {
            shaped = claimed is null || behaviour is null ? null : DefaultShaped(claimed, behaviour.Behaviour, $"{path}.claimed");
        }

        if (json.Schedule is { } schedule) Schedule(schedule, $"{path}.schedule", json.Trace is not null, draft);
        if (ask is { } a && claimed is not null && shaped is not null && behaviour is not null)
            draft.Initial = new ProviderState(a, claimed, shaped, LinkUp: true, signal, behaviour.Behaviour) { Impairment = impairment is { IsNone: false } ? impairment : null };
        return draft;
    }

    /// <summary>The shaped rates of a provider whose world gives none: its behaviour's default, which the lab must be able to shape.</summary>
    private LinkRates? DefaultShaped(LinkRates claimed, Behaviour behaviour, string claimedPath)
    {
        var shaped = behaviour.DefaultShaped(claimed);
        var valid = true;
        foreach (var (direction, rate) in new[] { ("uplink", shaped.Uplink), ("downlink", shaped.Downlink) })
        {
            if (rate <= WorldLimits.MaxShapedRateMBps) continue;
            problems.Add($"{claimedPath}.{direction}",
                $"must be at most {Show(WorldLimits.MaxShapedRateMBps)} MB/s (the most the lab shapes) when shaped is left out: a provider that is {behaviour.Kind} is then shaped to its claim, got {Show(rate)}.");
            valid = false;
        }
        return valid ? shaped : null;
    }

    private void Schedule(IReadOnlyList<ScheduleStepJson?> schedule, string path, bool traced, Draft draft)
    {
        if (schedule.Count > WorldLimits.MaxScheduleSteps)
        {
            problems.Add(path, $"must have at most {WorldLimits.MaxScheduleSteps} steps, got {schedule.Count}.");
            return;
        }
        (double At, int Index)? lastTime = null;
        (int At, int Index)? lastRequest = null;
        for (var i = 0; i < schedule.Count; i++)
        {
            if (schedule[i] is not { } json)
            {
                draft.Steps.Add(null); // refused already; kept so that the steps keep their indexes
                continue;
            }
            var step = Step(json, $"{path}[{i}]", traced, i, draft);
            draft.Steps.Add(step);
            // each kind in order; the valid values only, so that one bad value is named once
            if (json.AtS is { } s && !problems.Has($"{path}[{i}].at_s"))
            {
                if (lastTime is { } t && s < t.At)
                    problems.Add($"{path}[{i}].at_s", $"must not be earlier than schedule[{t.Index}].at_s ({Show(t.At)}): the steps of each kind must be in order, got {Show(s)}.");
                else lastTime = (s, i);
            }
            if (json.AtRequest is { } n && !problems.Has($"{path}[{i}].at_request"))
            {
                if (lastRequest is { } r && n < r.At)
                    problems.Add($"{path}[{i}].at_request", $"must not be earlier than schedule[{r.Index}].at_request ({r.At}): the steps of each kind must be in order, got {n}.");
                else lastRequest = (n, i);
            }
        }
    }

    private ScheduleStep? Step(ScheduleStepJson json, string path, bool traced, int index, Draft draft)
    {
        var before = problems.All.Count;
        long? atMs = null;
        if (json.AtS is null && json.AtRequest is null)
        {
            if (!problems.Has($"{path}.at_s") && !problems.Has($"{path}.at_request"))
                problems.Add(path, "must have one of at_s (seconds) and at_request (a request number), got neither.");
        }
        else if (json.AtS is not null && json.AtRequest is not null)
        {
            problems.Add(path, $"must have only one of at_s and at_request, got both (at_s {Show(json.AtS.Value)}, at_request {json.AtRequest}).");
        }
        else if (json.AtS is { } s)
        {
            if (s >= 0 && s <= WorldLimits.MaxTimeSeconds) atMs = WorldTime.Milliseconds(s);
            else problems.Add($"{path}.at_s", $"must be a number of seconds from 0 to {Show(WorldLimits.MaxTimeSeconds)}, got {Show(s)}.");
        }
        else if (json.AtRequest is < 1)
        {
            problems.Add($"{path}.at_request", $"must be a request number ≥ 1 (requests are counted from 1), got {json.AtRequest}.");
        }

        if (json.Shaped is null && json.Link is null && json.AskPrice is null && json.Claimed is null && json.SignalStrength is null && json.Behaviour is null
            && !Changes.Any(c => problems.Has($"{path}.{c}")))
            problems.Add(path, $"changes nothing: give at least one of {string.Join(", ", Changes)}.");

        LinkRates? shaped = null;
        LinkImpairment? impairment = null;
        if (json.Shaped is not null && traced)
            problems.Add($"{path}.shaped", "cannot be used with a trace (the trace sets the shaped rates), got an object.");
        else
            shaped = Shaped(json.Shaped, $"{path}.shaped", out impairment);

        bool? linkUp = json.Link switch
        {
            null => null,
            "up" => true,
            "down" => false,
            var other => Refuse<bool?>($"{path}.link", $"must be \"up\" or \"down\", got {Quoted(other)}."),
        };
        var behaviour = json.Behaviour is { } b ? BehaviourReader.Read(b, $"{path}.behaviour", problems) : null;
        if (behaviour is not null) draft.Behaviours.Add((index, behaviour));
        var step = new ScheduleStep
        {
            AtMs = atMs,
            AtRequest = json.AtS is null ? json.AtRequest : null,
            Shaped = shaped,
            Impairment = impairment,
            LinkUp = linkUp,
            AskPrice = Price(json.AskPrice, $"{path}.ask_price", required: false),
            Claimed = Rates(json.Claimed, $"{path}.claimed", WorldLimits.MaxClaimedRateMBps, required: false),
            SignalStrength = SignalStrength(json.SignalStrength, $"{path}.signal_strength"),
            Behaviour = behaviour?.Behaviour,
        };
        return problems.All.Count == before ? step : null;
    }

    private T? Refuse<T>(string path, string sentence)
    {
        problems.Add(path, sentence);
        return default;
    }

    private double? Price(double? price, string path, bool required)
    {
        if (price is not { } p)
        {
            if (required) problems.Missing(path);
            return null;
        }
        return p is > 0 and <= 1 ? p : Refuse<double?>(path, $"must be a price in (0, 1], got {Show(p)}.");
    }

    private double? SignalStrength(double? strength, string path) =>
        strength is not { } s || s is >= 0 and <= WorldLimits.MaxSignalStrength
            ? strength
            : Refuse<double?>(path, $"must be between 0 and {Show(WorldLimits.MaxSignalStrength)}, got {Show(s)}.");

    /// <summary>
    /// A <c>shaped</c>: its rates, and its impairment when it gives any of delay_ms, jitter_ms and loss_percent (those
    /// left out are 0), else null.
    /// </summary>
    private LinkRates? Shaped(ShapedLinkJson? json, string path, out LinkImpairment? impairment)
    {
        impairment = null;
        if (json is null) return null;
        var rates = Rates(new LinkRatesJson(json.Uplink, json.Downlink), path, WorldLimits.MaxShapedRateMBps, required: true);
        if (json.DelayMs is null && json.JitterMs is null && json.LossPercent is null) return rates;
        var delay = Milliseconds(json.DelayMs, $"{path}.delay_ms");
        var jitter = Milliseconds(json.JitterMs, $"{path}.jitter_ms");
        var loss = json.LossPercent is not { } l || l is >= 0 and <= 100
            ? json.LossPercent
            : Refuse<double?>($"{path}.loss_percent", $"must be a percentage from 0 to 100, got {Show(l)}.");
        // netem varies a delay by the jitter: without a delay there is nothing to vary
        if (jitter > 0 && delay is not > 0 && !problems.Has($"{path}.delay_ms"))
        {
            problems.Add($"{path}.jitter_ms", $"needs a delay_ms above 0 (jitter varies the delay), got {Show(jitter.Value)} with delay_ms {Show(delay ?? 0)}.");
            return null;
        }
        if ((json.DelayMs is not null && delay is null) || (json.JitterMs is not null && jitter is null) || (json.LossPercent is not null && loss is null)) return null;
        impairment = new LinkImpairment(delay ?? 0, jitter ?? 0, loss ?? 0);
        return rates;
    }

    private double? Milliseconds(double? ms, string path) =>
        ms is not { } m || m is >= 0 and <= WorldLimits.MaxDelayMs
            ? ms
            : Refuse<double?>(path, $"must be a number of milliseconds from 0 to {Show(WorldLimits.MaxDelayMs)}, got {Show(m)}.");

    private LinkRates? Rates(LinkRatesJson? json, string path, double max, bool required)
    {
        if (json is null)
        {
            if (required) problems.Missing(path);
            return null;
        }
        var up = Rate(json.Uplink, $"{path}.uplink", max);
        var down = Rate(json.Downlink, $"{path}.downlink", max);
        return up is { } u && down is { } d ? new LinkRates(u, d) : null;
    }

    private double? Rate(double? rate, string path, double max)
    {
        if (rate is not { } r)
        {
            problems.Missing(path);
            return null;
        }
        var limit = max == WorldLimits.MaxShapedRateMBps ? " (the most the lab shapes)" : "";
        return r > 0 && r <= max ? r : Refuse<double?>(path, $"must be a rate in MB/s above 0 and at most {Show(max)}{limit}, got {Show(r)}.");
    }

    private RateTrace? Trace(string trace, string path)
    {
        if (trace.Trim().Length == 0) return Refuse<RateTrace>(path, $"must name a CSV file, got {Quoted(trace)}.");
        var found = new List<string>();
        var loaded = traces.Load(trace, found);
        foreach (var problem in found) problems.Add(path, problem);
        return loaded;
    }

    private void CheckUniqueIds(Draft?[] drafts)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Length; i++)
        {
            if (drafts[i]?.Id is not { } id) continue;
            if (first.TryAdd(id, i)) continue;
            problems.Add($"{drafts[i]!.Path}.id", $"must be unique, got {Quoted(id)}, the id of providers[{first[id]}] too.");
        }
    }

    /// <summary>
    /// Gives every colluder behaviour its allies: as written (each a colluder of this world — a provider that is a
    /// colluder at its start or by a step — other than itself), or every other colluder of the world.
    /// </summary>
    private void ResolveAllies(Draft?[] drafts)
    {
        var colluders = drafts.OfType<Draft>()
            .Where(d => d.Id is not null && d.Behaviours.Any(b => GetsAllies(b.Written.Behaviour)))
            .Select(d => d.Id!)
            .Distinct()
            .ToArray();
        foreach (var draft in drafts.OfType<Draft>())
        {
            foreach (var (step, written) in draft.Behaviours.Where(b => GetsAllies(b.Written.Behaviour)).ToArray())
            {
                var allies = written.Allies is { } list ? Allies(list, written.Path, draft.Id, colluders) : colluders.Where(c => c != draft.Id).ToArray();
                draft.SetBehaviour(step, written.Behaviour with { Allies = allies });
            }
        }
    }

    /// <summary>Whether the behaviour's kind is given allies (the colluder).</summary>
    private static bool GetsAllies(Behaviour behaviour) =>
        behaviour.Adversary is { } adversary && AdversaryRegistry.Of(adversary).GetsAllies;

    private string[] Allies(IReadOnlyList<string?> allies, string path, string? self, string[] colluders)
    {
        var named = new List<string>();
        for (var i = 0; i < allies.Count; i++)
        {
            if (allies[i] is not { } ally) continue;
            var at = $"{path}.allies[{i}]";
            if (ally == self) problems.Add(at, $"must not name the provider itself, got {Quoted(ally)}.");
            else if (named.Contains(ally)) problems.Add(at, $"names an ally a second time, got {Quoted(ally)}.");
            else if (!colluders.Contains(ally)) problems.Add(at, $"must name a colluder of this world ({Listed(colluders)}), got {Quoted(ally)}.");
            else named.Add(ally);
        }
        return named.ToArray();
    }

    private static string Listed(string[] ids) => ids.Length switch
    {
        0 => "it has none",
        <= 5 => string.Join(", ", ids),
        _ => $"{string.Join(", ", ids.Take(5))} and {ids.Length - 5} more",
    };

    /// <summary>One provider as read so far: what a later check (ids, allies) needs, and its pieces once they are valid.</summary>
    private sealed class Draft(string path)
    {
        public string Path { get; } = path;
        public string? Id { get; set; }
        public int? Seed { get; set; }
        public ProviderState? Initial { get; set; }
        public RateTrace? Trace { get; set; }
        public List<ScheduleStep?> Steps { get; } = [];

        /// <summary>Every behaviour it names: at its start (step -1) and in its steps.</summary>
        public List<(int Step, BehaviourReader.Written Written)> Behaviours { get; } = [];

        public void SetBehaviour(int step, Behaviour behaviour)
        {
            if (step < 0 && Initial is not null) Initial = Initial with { Behaviour = behaviour };
            else if (step >= 0 && Steps.ElementAtOrDefault(step) is { } s) Steps[step] = s with { Behaviour = behaviour };
        }

        public WorldProvider Build() => new(Id!, Initial!, Seed, Steps.Select(s => s!).ToArray(), Trace);
    }
}
