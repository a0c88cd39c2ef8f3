using Auction.Grains.Interfaces.Models;
using Auction.Grains.Persistence;
using Auction.Grains.Worlds;

namespace Auction.Client.Reports;

/// <summary>Reads the world an experiment ran in from its row and gives the chart's <see cref="WorldMarks"/>: none for an experiment in the reference world.</summary>
public static class WorldMarkReader
{
    /// <summary>The marks, and the problems of a stored world that no longer reads (then no marks).</summary>
    public static async Task<(IReadOnlyList<WorldMark> Marks, IReadOnlyList<string> Problems)> ReadAsync(
        ExperimentStore store, Guid experimentId, IReadOnlyCollection<TransactionRecord> records, CancellationToken cancellationToken)
    {
        if (await store.GetWorldAsync(experimentId, cancellationToken) is not { } source) return ([], []);
        var reading = WorldSources.Parse(source);
        return reading.World is { } world ? (WorldMarks.For(world, records), []) : ([], reading.Messages.ToArray());
    }
}
