using Auction.Grains.Interfaces.Models;

namespace Auction.Grains.Consumers;

/// <summary>The consensus vectors of one auction as they arrive, and a signal when every expected provider has answered.</summary>
/// <remarks>Completion is tracked by counting the expected providers heard from, so an arrival costs O(1).</remarks>
internal sealed class PendingAuction
{
    private readonly TaskCompletionSource _allAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string>? _expected;
    private int _expectedAnswered;

    public Dictionary<string, ConsensusVector> Answers { get; } = new(StringComparer.Ordinal);
    public Task AllAnswered => _allAnswered.Task;

    public void Expect(IEnumerable<string> providers)
    {
        _expected = providers.ToHashSet(StringComparer.Ordinal);
        _expectedAnswered = 0;
        foreach (string p in _expected)
            if (Answers.ContainsKey(p)) _expectedAnswered++;
        Check();
    }

    public void Add(ConsensusVector answer)
    {
        if (Answers.TryAdd(answer.ProviderId, answer))
        {
            if (_expected is not null && _expected.Contains(answer.ProviderId)) _expectedAnswered++;
        }
        else
        {
            Answers[answer.ProviderId] = answer;
        }
        Check();
    }

    private void Check()
    {
        if (_expected is not null && _expectedAnswered == _expected.Count) _allAnswered.TrySetResult();
    }
}
