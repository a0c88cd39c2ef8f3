namespace Auction.Grains.Scoring.Adversaries;

/// <summary>One problem with an adversary's settings: where it is (a config path or a setting name) and a sentence naming the value.</summary>
public sealed record AdversaryProblem(string Path, string Sentence)
{
    /// <summary>The one-sentence message: the path, then the sentence ("topology.on_off_lying must be ≥ 0, got -1.").</summary>
    public string Message => $"{Path} {Sentence}";
}
