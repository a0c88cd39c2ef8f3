namespace Auction.Silo.Configuration;

/// <summary>A misconfiguration that stops the silo at start-up; its message is one sentence saying what to fix.</summary>
public sealed class SiloConfigurationException(string message) : Exception(message);

/// <summary>Something the silo depends on (PostgreSQL, the kernel's tc, iperf3) is unavailable; one sentence saying what.</summary>
public sealed class SiloStartupException(string message) : Exception(message);
