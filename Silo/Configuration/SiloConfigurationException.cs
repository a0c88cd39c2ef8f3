namespace Auction.Silo.Configuration;

/// <summary>A misconfiguration that stops the silo at start-up; its message is one sentence saying what to fix.</summary>
public sealed class SiloConfigurationException(string message) : Exception(message);
