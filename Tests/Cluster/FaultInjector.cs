using System.Collections.Concurrent;

namespace Auction.Tests.Cluster;

/// <summary>
/// Makes chosen provider grains unresponsive: calls to them hang until the caller's timeout and are never
/// delivered, one-way messages to and from them are dropped. Their timers still tick, but nothing they send arrives.
/// </summary>
public sealed class FaultInjector : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, bool> _silenced = new(StringComparer.Ordinal);

    public void Silence(string providerId) => _silenced[providerId] = true;
    public void Restore(string providerId) => _silenced.TryRemove(providerId, out _);

    private bool IsSilencedProvider(GrainId? id) =>
        id is { } grain
        && grain.Type.ToString().Contains("provider", StringComparison.OrdinalIgnoreCase)
        && !grain.Type.ToString().Contains("registry", StringComparison.OrdinalIgnoreCase)
        && _silenced.ContainsKey(grain.Key.ToString()!);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (IsSilencedProvider(context.TargetId))
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"provider {context.TargetId.Key} is silenced by the test");
        }
        await context.Invoke();
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        bool toRegistry = context.TargetId.Type.ToString().Contains("registry", StringComparison.OrdinalIgnoreCase);
        if (IsSilencedProvider(context.SourceId) && !toRegistry)
            return; // dropped: the caller is silenced
        await context.Invoke();
    }
}
