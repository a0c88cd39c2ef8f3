using Auction.Client.Cli;
using Npgsql;

namespace Auction.Client.Database;

/// <summary>What counts as a database problem, and the one line that says so, for every command that talks to PostgreSQL.</summary>
public static class DatabaseErrors
{
    /// <summary>True for the errors that mean "could not talk to this database" (unreachable, refused, unknown database).</summary>
    public static bool IsDatabaseError(Exception e) => e is NpgsqlException or TimeoutException;

    /// <summary>One line naming host, port, database and what PostgreSQL (or the network) said; no stack trace.</summary>
    public static string Describe(string connectionString, Exception e)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        if (e is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable })
        {
            var shown = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
            return $"error: the database '{builder.Database ?? builder.Username}' at {host}:{builder.Port} has no auction tables yet: "
                   + $"run '{CommandName.Shown} db migrate --connection \"{Excerpt.Of(shown.ConnectionString)}\"' first";
        }

        var reason = e switch
        {
            PostgresException pg => $"{pg.MessageText} (SQLSTATE {pg.SqlState})",
            _ when e.InnerException is not null && !e.Message.Contains(e.InnerException.Message, StringComparison.Ordinal)
                => $"{e.Message}: {e.InnerException.Message}",
            _ => e.Message,
        };
        return $"error: cannot use PostgreSQL at {host}:{builder.Port} (database '{builder.Database ?? builder.Username}'): {reason}";
    }
}
