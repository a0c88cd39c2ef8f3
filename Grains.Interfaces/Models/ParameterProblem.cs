namespace Auction.Grains.Interfaces.Models;

/// <summary>An auction parameter that breaks its rule: the field's path as the user wrote it and the sentence after it ("must be ≥ 0, got -1.").</summary>
public sealed record ParameterProblem(string Path, string Sentence)
{
    public string Message => $"{Path} {Sentence}";

    public override string ToString() => Message;
}
