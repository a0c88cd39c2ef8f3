namespace Auction.Grains.Scoring;

/// <summary>
/// The participants of one auction in the order its invitation fixed: position i is participant i in every score
/// and consensus vector of that auction. Also holds the positions in ordinal id order, the order in which samples are
/// taken so that a result never depends on the invitation's order or on arrival order.
/// </summary>
public sealed class ParticipantOrder
{
    private readonly string[] _ids;
    private readonly Dictionary<string, int> _index;
    private readonly int[] _byId;

    public ParticipantOrder(IEnumerable<string> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);
        _ids = participants.ToArray();
        _index = new Dictionary<string, int>(_ids.Length, StringComparer.Ordinal);
        // A name listed twice keeps its first position (the consumer rejects such requests before they get here).
        for (int i = 0; i < _ids.Length; i++) _index.TryAdd(_ids[i], i);
        _byId = new int[_ids.Length];
        for (int i = 0; i < _byId.Length; i++) _byId[i] = i;
        Array.Sort(_byId, (a, b) => string.CompareOrdinal(_ids[a], _ids[b]));
    }

    public int Count => _ids.Length;

    public string this[int position] => _ids[position];

    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Positions in ordinal order of the participants' ids.</summary>
    public ReadOnlySpan<int> ByIdOrdinal => _byId;

    /// <summary>The position of <paramref name="id"/>, or −1 when it does not take part.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out int i) ? i : -1;

    /// <summary>True when <paramref name="participants"/> names the same providers in the same order (so this order can be reused).</summary>
    public bool Matches(IReadOnlyList<string> participants)
    {
        if (participants.Count != _ids.Length) return false;
        for (int i = 0; i < _ids.Length; i++)
            if (!string.Equals(participants[i], _ids[i], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>An order for <paramref name="participants"/>: <paramref name="previous"/> when it matches, else a new one.</summary>
    public static ParticipantOrder Reuse(ParticipantOrder? previous, IReadOnlyList<string> participants) =>
        previous is not null && previous.Matches(participants) ? previous : new ParticipantOrder(participants);
}
