namespace Auction.Tests.Support;

/// <summary>A fact that needs a private PostgreSQL server (infra/postgres/pg.sh): skipped with the reason where none can be started.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Missing is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs a private PostgreSQL server: skipped with the reason where none can be started.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.Missing is { } reason) Skip = reason;
    }
}

/// <summary>Whether this machine can start the tests' PostgreSQL server, and why not.</summary>
public static class PostgresServer
{
    /// <summary>Where pg.sh looks for the server binaries (PG_BIN overrides it, as in the script).</summary>
    public static string BinaryFolder => Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured ? configured : "/usr/lib/postgresql/15/bin";

    /// <summary>Null when the server can be started; else the reason the PostgreSQL tests give when they skip.</summary>
    public static string? Missing =>
        File.Exists(Path.Combine(BinaryFolder, "pg_ctl")) && File.Exists(Path.Combine(BinaryFolder, "initdb"))
            ? null
            : $"needs the PostgreSQL 15 server binaries in {BinaryFolder} (run ./test.sh as root, which installs them, or apt-get install postgresql-15)";
}
