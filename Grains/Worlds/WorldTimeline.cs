namespace Auction.Grains.Worlds;

/// <summary>
/// The state of every provider of a world at any moment of an experiment, given as the experiment time (whole
/// milliseconds since it started, on the experiment's clock) and the number of the request about to be sent or being
/// served (counted from 1; 0 before the first). Steps apply in the order written: when several in force set the same
/// field, the one written last wins. A trace sets the shaped rates at every time.
/// </summary>
public sealed class WorldTimeline
{
    private readonly Dictionary<string, WorldProvider> _providers;

    public WorldTimeline(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        World = world;
        _providers = world.Providers.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public World World { get; }

    /// <summary>The state of provider <paramref name="providerId"/> at <paramref name="timeMs"/> for request <paramref name="request"/>.</summary>
    public ProviderMoment At(string providerId, long timeMs, int request) => At(Provider(providerId), timeMs, request);

    /// <summary>The state of <paramref name="provider"/> at <paramref name="timeMs"/> for request <paramref name="request"/>.</summary>
    public static ProviderMoment At(WorldProvider provider, long timeMs, int request)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentOutOfRangeException.ThrowIfNegative(timeMs);
        ArgumentOutOfRangeException.ThrowIfNegative(request);
        var state = provider.Initial;
        var index = -1;
        for (var i = 0; i < provider.Schedule.Count; i++)
        {
            if (!provider.Schedule[i].InForce(timeMs, request)) continue;
            state = provider.Schedule[i].ApplyTo(state);
            index = i;
        }
        return new ProviderMoment(provider.Trace is { } trace ? state with { Shaped = trace.At(timeMs) } : state, index);
    }

    /// <summary>
    /// The experiment times at which <paramref name="providerId"/>'s state may change by the clock, ascending: its time
    /// steps (0 included) and its trace's rows after the first (the first is its initial state). Request steps are
    /// not here: they take effect with their request, whenever that is sent.
    /// </summary>
    public IReadOnlyList<long> ChangeTimesMs(string providerId) => ChangeTimesMs(Provider(providerId));

    /// <summary>Every provider's <see cref="ChangeTimesMs(string)"/>, ordered by time and then by the providers' order in the world.</summary>
    public IReadOnlyList<WorldChange> ChangeTimes() =>
        World.Providers
            .SelectMany((p, index) => ChangeTimesMs(p).Select(at => (Change: new WorldChange(at, p.Id), Index: index)))
            .OrderBy(c => c.Change.AtMs).ThenBy(c => c.Index)
            .Select(c => c.Change)
            .ToArray();

    /// <summary><see cref="ChangeTimesMs(string)"/> of <paramref name="provider"/>.</summary>
    public static IReadOnlyList<long> ChangeTimesMs(WorldProvider provider) =>
        provider.Schedule.Where(s => s.AtMs is not null).Select(s => s.AtMs!.Value)
            .Concat(provider.Trace?.Rows.Skip(1).Select(r => r.AtMs) ?? [])
            .Distinct()
            .Order()
            .ToArray();

    private WorldProvider Provider(string providerId) =>
        _providers.TryGetValue(providerId, out var provider)
            ? provider
            : throw new ArgumentException($"the world has no provider '{providerId}'.", nameof(providerId));
}
