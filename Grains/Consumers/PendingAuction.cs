using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Consumers;

/// <summary>The consensus vectors of one auction as they arrive, and a signal when every expected provider has answered.</summary>
internal sealed class PendingAuction
{
    private readonly TaskCompletionSource _allAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string>? _expected;

    public Dictionary<string, ConsensusVector> Answers { get; } = new(StringComparer.Ordinal);
    public Task AllAnswered => _allAnswered.Task;

    public void Expect(IEnumerable<string> providers)
    {
        _expected = providers.ToHashSet(StringComparer.Ordinal);
        Check();
    }

    public void Add(ConsensusVector answer)
    {
        Answers[answer.ProviderId] = answer;
        Check();
    }

    private void Check()
    {
        if (_expected is not null && _expected.All(Answers.ContainsKey)) _allAnswered.TrySetResult();
    }
}
