using Spectre.Console;

namespace Auction.Client.Cli;

/// <summary>
/// The sentences of a command's bad options, so that a settings' <c>Validate()</c> reports every bad option at once
/// (one line each, naming the option and a short excerpt of its value).
/// </summary>
public sealed class OptionErrors
{
    private readonly List<string> _sentences = [];

    public bool Any => _sentences.Count > 0;

    public void Add(string option, string sentence) => Add($"{option} {sentence}");

    /// <summary>A sentence that names its option itself.</summary>
    public void Add(string sentence) => _sentences.Add(Excerpt.Line(sentence));

    public ValidationResult ToResult() =>
        _sentences.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join('\n', _sentences));
}
