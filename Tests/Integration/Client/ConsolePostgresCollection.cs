using Auction.Tests.Integration.Postgres;

namespace Auction.Tests.Integration.Client;

/// <summary>
/// CLI tests that redirect Console and need PostgreSQL: not parallel with anything (like the Console collection),
/// with their own private server from the shared fixture class.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsolePostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "console-postgres";
}
