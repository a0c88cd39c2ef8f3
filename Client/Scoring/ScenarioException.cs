namespace Auction.Client.Scoring;

/// <summary>Bad scenario input: the message is one sentence naming the field (as a JSON path) and the value.</summary>
public sealed class ScenarioException(string message) : Exception(message);
