using System.Collections.Concurrent;
using Auction.Client.Experiments;
using Auction.Grains.Experiments;
using Auction.Grains.Interfaces.Models;

namespace Auction.Tests.Cluster;

/// <summary>The client's side of "every request leaves a row": requests without an answer are recorded as failed, with why.</summary>
public sealed class ExperimentRunnerFaultTests : IAsyncLifetime
{
    private AuctionTestCluster _cluster = null!;
    private readonly ConcurrentBag<TransactionRecord> _unanswered = [];

    public async Task InitializeAsync() => _cluster = await AuctionTestCluster.StartAsync(ClusterTopologies.Reference(3));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static IReadOnlyList<PlannedRequest> Plan(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PlannedRequest(i, TimeSpan.Zero, ClusterTopologies.SomeQos()))];

    private ExperimentRunner Runner(IReadOnlyList<string> providers, AnswerBound? bound = null) => new(_cluster.Client, new RunnerOptions
    {
        ExperimentId = Guid.NewGuid(),
        Providers = providers,
        TimeScale = 0,
        AnswerBound = bound,
        ProbeInterval = TimeSpan.FromMilliseconds(20),
        RecordUnanswered = (record, _) =>
        {
            _unanswered.Add(record);
            return Task.FromResult(true);
        },
    }, SilentRunProgress.Instance);

    [Fact]
    public async Task A_request_the_consumer_rejects_leaves_a_failed_row_with_the_reason()
    {
        var run = await Runner(["provider-0", "provider-9"]).RunAsync(Strategies.Naive, Plan(3), CancellationToken.None, CancellationToken.None);

        Assert.Equal(3, run.Errors.Count);
        Assert.Equal(3, run.UnansweredRows);
        Assert.Equal([0, 1, 2], _unanswered.Select(r => r.Sequence!.Value).Order());
        Assert.All(_unanswered, r =>
        {
            Assert.Equal(TransactionOutcome.Failed, r.Outcome);
            Assert.StartsWith("client: rejected by consumer-0:", r.FailureReason);
            Assert.Contains("provider-9", r.FailureReason);
            Assert.Equal("consumer-0", r.ConsumerId);
        });
    }

    [Fact]
    public async Task A_request_not_answered_within_its_bound_is_recorded_as_failed_and_the_run_goes_on()
    {
        // Every provider silent: each auction waits its BUY deadline, longer than this bound allows.
        foreach (var id in new[] { "provider-0", "provider-1", "provider-2" }) _cluster.Faults.Silence(id);
        var bound = new AnswerBound(TimeSpan.Zero, SlowestRateMBps: 1e9, Margin: TimeSpan.FromMilliseconds(1));
        var run = await Runner(["provider-0", "provider-1", "provider-2"], bound)
            .RunAsync(Strategies.Auction, Plan(2), CancellationToken.None, CancellationToken.None);

        Assert.Equal(2, run.Fired);
        Assert.Equal(2, run.UnansweredRows);
        Assert.All(_unanswered, r => Assert.StartsWith("client: no answer from consumer-0 within", r.FailureReason));
    }

    [Fact]
    public async Task A_consumer_asked_about_a_request_it_does_not_run_says_so()
    {
        Assert.False(await _cluster.Consumer("consumer-0").IsRunning(Guid.NewGuid()));
    }
}
