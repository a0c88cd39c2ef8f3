using System.Collections.Concurrent;
using Auction.Grains.Interfaces;

namespace Auction.Tests.Cluster;

/// <summary>
/// Counts the calls each consumer grain sends to each provider grain, as the consumer's silo sends them: a call
/// counts even when it can never be delivered (a provider whose silo is gone fails at placement, after this filter).
/// </summary>
public sealed class ConsumerCallCounter : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Consumer, string Provider), int> _calls = new();

    /// <summary>Calls consumer <paramref name="consumerId"/> sent to provider <paramref name="providerId"/>.</summary>
    public int Calls(string consumerId, string providerId) => _calls.GetValueOrDefault((consumerId, providerId));

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.SourceContext?.GrainInstance is IConsumerGrain && context.Request.GetInterfaceType() == typeof(IProviderGrain))
        {
            var key = (context.SourceId!.Value.Key.ToString()!, context.TargetId.Key.ToString()!);
            _calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        }

        return context.Invoke();
    }
}
