using System.Collections.Concurrent;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Network;

namespace Auction.Tests.Cluster;

/// <summary>A link control that changes nothing and keeps every application, to assert on what the providers applied and wait for it.</summary>
public sealed class RecordingLinkControl : ILinkControl
{
    private readonly ConcurrentQueue<(string ProviderId, ProviderLinkState Link, LinkImpairment? Impairment)> _applied = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string ProviderId, ProviderLinkState Link, LinkImpairment? Impairment)> Applied => _applied.ToArray();

    public Task ApplyAsync(string providerId, ProviderLinkState link, LinkImpairment? impairment, CancellationToken cancellationToken)
    {
        _applied.Enqueue((providerId, link, impairment));
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>The first application that matches, woken by each new one; null when none came within the timeout.</summary>
    public async Task<(string ProviderId, ProviderLinkState Link, LinkImpairment? Impairment)?> WaitForAsync(
        Func<(string ProviderId, ProviderLinkState Link, LinkImpairment? Impairment), bool> match, TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = Volatile.Read(ref _next).Task;
            foreach (var applied in _applied)
                if (match(applied)) return applied;
            try
            {
                await next.WaitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }
}
