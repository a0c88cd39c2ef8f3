using Auction.Tests.Integration.Postgres;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Client;

/// <summary>
/// CLI tests that need PostgreSQL and interrupt a run through the process-wide <c>InterruptSignal.Created</c> hook:
/// not parallel with anything, with their own private server from the shared fixture class.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsolePostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "console-postgres";
}
