using Auction.Grains.Persistence;
using Auction.Grains.Resilience;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

using Auction.Tests.Support;

namespace Auction.Tests.Integration.Postgres;

/// <summary>
/// Proves the project's own Orleans membership SQL (001_orleans_clustering.sql): two silos form a cluster through
/// ADO.NET clustering on PostgreSQL (invariant Npgsql), a client finds them through the gateway query, and a killed
/// silo is declared Dead in the table.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AdoNetClusteringTests(PostgresServerFixture server) : PostgresDatabaseTest(server, "clustering")
{
    private const int Active = 3; // Orleans SiloStatus.Active
    private const int Dead = 6;   // Orleans SiloStatus.Dead

    [PostgresFact]
    public async Task Two_silos_join_through_PostgreSQL_and_a_killed_silo_is_declared_dead()
    {
        await SchemaMigrator.MigrateAsync(DataSource);
        var connectionString = ConnectionString;
        var clusterId = $"pg-test-{Guid.NewGuid():N}";

        var builder = new TestClusterBuilder(2);
        builder.Options.ClusterId = clusterId;
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[PostgresClusteringConfigurator.ConnectionKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresClusteringConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClusteringConfigurator>();

        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(2, cluster.Silos.Count);

            var rows = await WaitForAsync(
                "both silos Active in OrleansMembershipTable", TimeSpan.FromSeconds(30), clusterId,
                r => r.Count(x => x.Status == Active) == 2);
            Assert.Equal(2, rows.Count);
            Assert.Equal(
                cluster.Silos.Select(s => s.SiloAddress.Endpoint.Port).Order(),
                rows.Select(r => r.Port).Order());
            Assert.True(await ScalarAsync<int>("SELECT version FROM orleansmembershipversiontable WHERE deploymentid = @c", ("c", clusterId)) >= 2);
            Assert.True(await ScalarAsync<long>(
                "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @c AND proxyport > 0", ("c", clusterId)) == 2);

            var victim = cluster.Silos[1];
            var survivor = cluster.Silos[0];
            await cluster.KillSiloAsync(victim).WaitAsync(TimeSpan.FromSeconds(30));

            var after = await WaitForAsync(
                $"the killed silo {victim.SiloAddress} marked Dead", TimeSpan.FromSeconds(60), clusterId,
                r => r.Any(x => x.Port == victim.SiloAddress.Endpoint.Port && x.Status == Dead));
            Assert.Equal(Active, after.Single(x => x.Port == survivor.SiloAddress.Endpoint.Port).Status);
            Assert.Equal(Dead, after.Single(x => x.Port == victim.SiloAddress.Endpoint.Port).Status);
        }
        finally
        {
            await cluster.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>ADO.NET clustering on the test database for the silos and the client, with fast failure detection.</summary>
    private sealed class PostgresClusteringConfigurator : ISiloConfigurator, IClientBuilderConfigurator
    {
        public const string ConnectionKey = "AuctionTest:PostgresConnection";

        public void Configure(ISiloBuilder silo)
        {
            var connectionString = silo.Configuration[ConnectionKey]
                ?? throw new InvalidOperationException($"the test cluster configuration lacks {ConnectionKey}");
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
            });
        }

        public void Configure(IConfiguration configuration, IClientBuilder client)
        {
            var connectionString = configuration[ConnectionKey]
                ?? throw new InvalidOperationException($"the test cluster configuration lacks {ConnectionKey}");
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
        }
    }

    private async Task<IReadOnlyList<(int Port, int Status)>> WaitForAsync(
        string what, TimeSpan timeout, string clusterId, Func<IReadOnlyList<(int Port, int Status)>, bool> done)
    {
        IReadOnlyList<(int Port, int Status)> rows = [];
        if (await WaitUntil.TrueAsync(async _ => done(rows = await ReadMembershipAsync(clusterId)), TimeSpan.FromMilliseconds(250), timeout))
        {
            return rows;
        }

        throw new TimeoutException(
            $"waited {timeout.TotalSeconds} s for {what}; the table holds (port, status): {string.Join(", ", rows)}");
    }

    private async Task<IReadOnlyList<(int Port, int Status)>> ReadMembershipAsync(string clusterId)
    {
        await using var command = DataSource.CreateCommand("SELECT port, status FROM orleansmembershiptable WHERE deploymentid = @c");
        command.Parameters.AddWithValue("c", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
