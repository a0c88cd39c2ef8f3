using System.ComponentModel;
using Auction.Client.Cli;
using Npgsql;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>Settings of every command that talks to PostgreSQL: the connection string.</summary>
public class DatabaseSettings : CommandSettings
{
    public const string ConnectionEnvironmentVariable = "ConnectionStrings__Auction";

    [CommandOption("--connection <CONNECTION>")]
    [Description("Npgsql connection string, e.g. \"Host=127.0.0.1;Port=5432;Username=auction;Password=PASSWORD;Database=auction\". "
        + "Default: the ConnectionStrings__Auction environment variable.")]
    public string? Connection { get; init; }

    /// <summary>The connection string from --connection or the environment, or null with a one-line error.</summary>
    public string? ResolveConnectionString(out string? error)
    {
        var value = string.IsNullOrWhiteSpace(Connection)
            ? Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable)
            : Connection;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"no database given: pass --connection \"Host=...;Port=...;Username=...;Database=...\" or set {ConnectionEnvironmentVariable}";
            return null;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            error = $"--connection is not a valid Npgsql connection string: {e.Message}";
            return null;
        }

        error = null;
        return value;
    }
}

/// <summary>Exit codes and error lines shared by the database commands.</summary>
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
                   + $"run 'auction db migrate --connection \"{Cli.Excerpt.Of(shown.ConnectionString)}\"' first";
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
