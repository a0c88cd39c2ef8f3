namespace Auction.Tests.Unit.Client;

/// <summary>Tests that redirect Console.In/Out/Error: they run one at a time, never beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
