using Spectre.Console;

namespace Auction.Client.Commands;

/// <summary>Settings of the commands that cannot do anything without PostgreSQL: a missing or malformed connection string is bad input.</summary>
public class RequiredDatabaseSettings : DatabaseSettings
{
    /// <summary>The connection string from --connection or the environment, once <see cref="Validate"/> accepted it.</summary>
    public string ConnectionString { get; private set; } = "";

    public override ValidationResult Validate()
    {
        if (ResolveConnectionString(out var error) is not { } connectionString) return ValidationResult.Error(error!);
        ConnectionString = connectionString;
        return ValidationResult.Success();
    }
}
