using System.ComponentModel;
using Npgsql;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>Settings of every command that talks to PostgreSQL: the connection string.</summary>
public class DatabaseSettings : CommandSettings
{
    public const string ConnectionEnvironmentVariable = "ConnectionStrings__Auction";

    [CommandOption("--connection <CONNECTION>")]
    // No example string here: --help wraps descriptions mid-word, and a wrapped connection string fails when pasted.
    [Description("Npgsql connection string: Host, Port, Username, Password and Database as key=value pairs separated by "
        + "semicolons (a full example is in docs/configuration.md). Default: the ConnectionStrings__Auction environment variable.")]
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
