namespace Auction.Grains.Json;

/// <summary>One problem of an input document: the field's path as messages show it (<c>qos.uplink.mean</c>) and a sentence naming its value.</summary>
public sealed record JsonProblem(string Path, string Sentence)
{
    public string Message => $"{Path} {Sentence}";

    public override string ToString() => Message;
}
