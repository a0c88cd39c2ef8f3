namespace Auction.Client.Commands;

/// <summary>The options of <c>db migrate</c>: the database, and nothing else.</summary>
public sealed class DbMigrateSettings : RequiredDatabaseSettings;
