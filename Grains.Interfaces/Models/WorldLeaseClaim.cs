namespace Auction.Grains.Interfaces.Models;

/// <summary>An experiment's claim on the world in force in a running cluster: the world's name and checksum, and the experiment.</summary>
[GenerateSerializer, Immutable]
public sealed record WorldLeaseClaim(
    [property: Id(0)] string WorldName,
    [property: Id(1)] string Checksum,
    [property: Id(2)] Guid ExperimentId);
