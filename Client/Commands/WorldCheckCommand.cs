using System.Text.Json;
using Auction.Client.Cli;
using Auction.Grains.Worlds;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Commands;

/// <summary>
/// <c>auction world check FILE</c>: reads a world file (docs/worlds.md) as every mode reads it and prints its
/// providers' ids, one per line (or a JSON document with <c>--json</c>): what <c>./run.sh --world</c> starts a silo for.
/// A world with problems prints every one of them on stderr and exits 2.
/// </summary>
public sealed class WorldCheckCommand(IAnsiConsole console, StandardStreams streams) : Command<WorldCheckSettings>
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>What <c>--json</c> prints.</summary>
    public sealed record Document(string Name, IReadOnlyList<string> Providers);

    public override int Execute(CommandContext context, WorldCheckSettings settings, CancellationToken cancellationToken)
    {
        var reading = WorldReader.Read(settings.File!);
        if (reading.World is not { } world)
        {
            foreach (var message in reading.Messages) streams.Error.WriteLine($"error: {message}");
            return ExitCodes.BadInput;
        }
        var ids = world.Providers.Select(p => p.Id).ToArray();
        if (settings.Json) console.WriteText(JsonSerializer.Serialize(new Document(world.Name, ids), JsonOptions));
        else foreach (var id in ids) console.WriteText(id);
        return ExitCodes.Success;
    }
}
