using System.Runtime.InteropServices;
using System.Text.Json;
using Auction.Client.Cli;
using Auction.Grains.Network;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Auction.Client.Bench.Commands;

/// <summary><c>bench shaping</c>: configured vs measured rate of a tc-shaped lab link, per rate.</summary>
public sealed class BenchShapingCommand(IAnsiConsole console, StandardStreams streams) : AsyncCommand<BenchShapingSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchShapingSettings settings, CancellationToken cancellationToken)
    {
        settings.Check(out var rates); // checked by Validate(): here for the parsed rates
        if (!Environment.IsPrivilegedProcess)
            return streams.Fail(ExitCodes.BadInput, "bench shaping needs root: it creates a network namespace, a veth pair and tc qdiscs; run it as root.");
        if (ShapingBenchmark.FindLabScript() is not { } script)
            return streams.Fail(ExitCodes.BadInput, "bench shaping needs infra/lab/lab.sh: run it from the repository (no lab.sh above the current directory or the program).");
        string prefix = settings.Prefix ?? "bsh" + Guid.NewGuid().ToString("N")[..4];

        using var interrupt = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interrupt.Token);
        var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }
            .Select(s => PosixSignalRegistration.Create(s, c => { c.Cancel = true; interrupt.Cancel(); })).ToArray();
        IReadOnlyList<ShapingFigure> figures;
        int hz = new TcLinkShaper().Hz;
        Action<string>? progress = settings.Json ? null : m => console.MarkupLine($"[grey]{Markup.Escape(m)}[/]");
        try
        {
            if (settings.Changes is { } changes)
            {
                var (a, b) = settings.ChangeRatesMBps;
                var report = await ShapingChangeBenchmark.RunAsync(script, prefix, settings.Subnet, a, b, changes, settings.ChangeFlowMb, progress, linked.Token);
                if (settings.Json) console.WriteText(JsonSerializer.Serialize(new { Machine = Machine.Describe(), Hz = hz, Prefix = prefix, settings.Subnet, Changes = report }, BenchJson.Options));
                else ShapingChangeTable.Write(console, report, hz);
                return report.Passed ? ExitCodes.Success : ExitCodes.Failures;
            }
            figures = await ShapingBenchmark.RunAsync(script, prefix, settings.Subnet, rates, settings.SizesMb, settings.Seconds, progress, linked.Token, settings.Repeat);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return streams.Fail(130, "bench shaping: interrupted; the lab was torn down.");
        }
        catch (Exception e) when (e is ExternalProcessException or LinkShapingException or TimeoutException)
        {
            return streams.Fail(ExitCodes.Failures, $"bench shaping failed (the lab was torn down): {e.Message.ReplaceLineEndings(" ")}");
        }
        finally
        {
            foreach (var r in registrations) r.Dispose();
        }

        if (settings.Json)
        {
            console.WriteText(JsonSerializer.Serialize(new
            {
                Machine = Machine.Describe(), Hz = hz, settings.Seconds, Sizes = settings.SizesMb, settings.Repeat, Prefix = prefix, settings.Subnet,
                Rates = figures.Select(f => new
                {
                    f.ConfiguredMBps, f.FlowMb, f.UpMBps, f.DownMBps, f.UpRatio, f.DownRatio, f.UpRuns, f.DownRuns, f.UpBurstBytes, f.DownBurstBytes, f.Seconds, f.Error,
                }),
            }, BenchJson.Options));
        }
        else
        {
            ShapingBenchTable.Write(console, figures, hz, settings.Repeat);
        }
        return figures.All(f => f.Error is null) ? ExitCodes.Success : ExitCodes.Failures;
    }
}
