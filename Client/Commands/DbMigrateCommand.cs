using Auction.Grains.Persistence;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary><c>auction db migrate</c>: applies the schema migrations (Orleans clustering, results tables, views).</summary>
public sealed class DbMigrateCommand : AsyncCommand<DatabaseSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var connectionString = settings.ResolveConnectionString(out var error);
        if (connectionString is null)
        {
            return DatabaseErrors.Fail(DatabaseErrors.BadInput, $"error: {error}");
        }

        MigrationResult result;
        try
        {
            result = await SchemaMigrator.MigrateAsync(connectionString, cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return DatabaseErrors.Fail(DatabaseErrors.DatabaseUnavailable, DatabaseErrors.Describe(connectionString, e));
        }
        catch (InvalidOperationException e)
        {
            return DatabaseErrors.Fail(DatabaseErrors.DatabaseUnavailable, $"error: {e.Message}");
        }

        foreach (var name in result.Applied)
        {
            Console.WriteLine($"applied {name}");
        }

        Console.WriteLine(result.Applied.Count == 0
            ? $"schema up to date ({result.AlreadyApplied.Count} migrations applied before)"
            : $"{result.Applied.Count} migration(s) applied, {result.AlreadyApplied.Count} were already applied");
        return 0;
    }
}
