namespace Auction.Grains.Worlds;

/// <summary>
/// One provider of a world: its id, its state when the experiment starts, the seed of its own random draws (null:
/// derived from the experiment's seed), the changes of its schedule in the order written, and the trace its shaped
/// rates follow, if any.
/// </summary>
public sealed record WorldProvider(
    string Id,
    ProviderState Initial,
    int? Seed = null,
    IReadOnlyList<ScheduleStep>? Schedule = null,
    RateTrace? Trace = null)
{
    public IReadOnlyList<ScheduleStep> Schedule { get; init; } = Schedule ?? [];
}
