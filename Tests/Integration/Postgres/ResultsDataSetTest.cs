using Auction.Grains.Persistence;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>A test on a fresh, migrated database holding <see cref="ResultsDataSet"/>: the setup the view tests share.</summary>
public abstract class ResultsDataSetTest(PostgresServerFixture server, string prefix) : PostgresDatabaseTest(server, prefix)
{
    /// <summary>The id of the hand-made experiment.</summary>
    protected Guid Experiment { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrator.MigrateAsync(DataSource);
        Experiment = await ResultsDataSet.InsertAsync(DataSource, DateTimeOffset.UtcNow);
    }
}
