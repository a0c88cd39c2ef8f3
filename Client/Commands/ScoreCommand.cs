using Auction.Client.Cli;
using Auction.Client.Scoring;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction score SCENARIO</c>: runs one auction offline on a scenario file (or <c>-</c> for stdin) with the
/// scoring core and prints every score vector, consensus vector, final score and the winner as JSON.
/// Bad input exits with code 2 and one line on stderr naming the field and the value.
/// </summary>
public sealed class ScoreCommand(IAnsiConsole console, StandardStreams streams) : Command<ScoreSettings>
{
    public override int Execute(CommandContext context, ScoreSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            string json = Read(settings.Scenario!);
            var result = ScenarioScorer.Score(ScenarioParser.Parse(json));
            console.WriteText(ScenarioResultWriter.ToJson(result));
            return ExitCodes.Success;
        }
        catch (ScenarioException ex)
        {
            return Fail(ex.Message);
        }
        catch (ArgumentException ex)
        {
            // a check of the scoring core the parser did not anticipate: still one line, never a stack trace
            return Fail(ex.Message);
        }
    }

    private string Read(string source)
    {
        return Utf8Input.Read(source, "SCENARIO", out var error, streams.Input) ?? throw new ScenarioException(error!);
    }

    private int Fail(string message)
    {
        streams.Error.WriteLine($"error: {Excerpt.Line(message)}");
        streams.Error.Flush();
        return ExitCodes.BadInput;
    }
}
