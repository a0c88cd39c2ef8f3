using Auction.Client.Cli;
using Auction.Client.Database;
using Auction.Grains.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary><c>auction db migrate</c>: applies the schema migrations (Orleans clustering, results tables, views).</summary>
public sealed class DbMigrateCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<DbMigrateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DbMigrateSettings settings, CancellationToken cancellationToken)
    {
        var connectionString = settings.ConnectionString;

        MigrationResult result;
        try
        {
            result = await SchemaMigrator.MigrateAsync(connectionString, cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            return streams.Fail(ExitCodes.Unreachable, DatabaseErrors.Describe(connectionString, e));
        }
        catch (InvalidOperationException e)
        {
            return streams.Fail(ExitCodes.Unreachable, $"error: {e.Message}");
        }

        foreach (var name in result.Applied)
        {
            console.WriteText($"applied {name}");
        }

        console.WriteText(result.Applied.Count == 0
            ? $"schema up to date ({result.AlreadyApplied.Count} migrations applied before)"
            : $"{result.Applied.Count} migration(s) applied, {result.AlreadyApplied.Count} were already applied");
        return ExitCodes.Success;
    }
}
