using System.Globalization;
using Auction.Grains.Interfaces.Models;
using Auction.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Auction.Grains.Network;

/// <summary>Configuration of the iperf3 client side of a flow.</summary>
public sealed record Iperf3FlowOptions
{
    public string Executable { get; init; } = "iperf3";
    /// <summary>The slowest rate a flow is given time for: the timeout of one iperf3 run is size / this + <see cref="Slack"/>.</summary>
    public double MinimumRateMBps { get; init; } = 0.1;
    public TimeSpan Slack { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Upper bound of the timeout of one iperf3 run.</summary>
    public TimeSpan MaxRunTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>iperf3 --connect-timeout.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>How many times every port is tried when all are busy, with a growing pause between rounds.</summary>
    public int BusyRounds { get; init; } = 4;
    public TimeSpan BusyBackoff { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>Local address to send from (<c>iperf3 -B</c>); chosen by routing when null.</summary>
    public string? BindAddress { get; init; }
}

/// <summary>How one direction of a flow went: the port that served it, every port found busy, the report or the error.</summary>
internal sealed record Iperf3DirectionOutcome(bool Reverse, int? Port, IReadOnlyList<int> BusyPorts, Iperf3Report? Report, string? Error)
{
    public bool Succeeded => Report is { Succeeded: true } && Error is null;
}

/// <summary>
/// Moves one flow through a provider's real link with iperf3: flow-size MB up (<c>iperf3 -c HOST -p PORT -n BYTES -J</c>)
/// and the same down (<c>-R</c>) at once (in turn when the endpoint has one port), each on its own server port of the endpoint (BasePort .. BasePort+PortCount−1:
/// the upload starts at the first port, the download at the second, and a busy port passes the direction on to the next).
/// The measured MB/s are iperf3's receiver-side totals. A direction that fails makes the flow
/// <see cref="FlowResult.Failed"/> with iperf3's error text, never 0 MB/s.
/// </summary>
public sealed class Iperf3FlowRunner(Iperf3FlowOptions? options = null, ILogger<Iperf3FlowRunner>? logger = null) : IFlowRunner
{
    private readonly Iperf3FlowOptions _options = options ?? new Iperf3FlowOptions();
    private readonly ILogger _logger = logger ?? NullLogger<Iperf3FlowRunner>.Instance;
    private readonly ResiliencePipeline<Iperf3DirectionOutcome?> _busyRetry = BusyRetry(options ?? new Iperf3FlowOptions());

    public async Task<FlowResult> RunAsync(string providerId, LinkEndpoint endpoint, double flowSizeMb, ExperimentTime? time, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        if (!double.IsFinite(flowSizeMb) || flowSizeMb <= 0)
        {
            return FlowResult.Failed(startedAt, startedAt, false, $"the flow size must be a positive number of MB, got {flowSizeMb}");
        }
        if (endpoint.PortCount < 1)
        {
            return FlowResult.Failed(startedAt, startedAt, false, $"provider {providerId} advertises no iperf3 port");
        }
        (Iperf3DirectionOutcome Up, Iperf3DirectionOutcome Down) result;
        using (AuctionMetrics.FlowStarted(simulated: false))
            result = await RunBothAsync(endpoint, flowSizeMb, cancellationToken).ConfigureAwait(false);
        var (up, down) = result;
        var endedAt = DateTimeOffset.UtcNow;
        if (up.Succeeded && down.Succeeded)
        {
            _logger.LogInformation(
                "Flow through {Provider}: {Size} MB up at {Up:0.###} MB/s (port {UpPort}), down at {Down:0.###} MB/s (port {DownPort})",
                providerId, flowSizeMb, up.Report!.ReceivedMBps, up.Port, down.Report!.ReceivedMBps, down.Port);
            return new FlowResult(true, up.Report.ReceivedMBps!.Value, down.Report.ReceivedMBps!.Value, startedAt, endedAt, false, null);
        }
        var errors = new[] { up, down }.Where(o => !o.Succeeded)
            .Select(o => $"{(o.Reverse ? "download" : "upload")} via {endpoint.Host}: {o.Error}");
        var error = string.Join("; ", errors);
        _logger.LogWarning("Flow through {Provider} failed: {Error}", providerId, error);
        return FlowResult.Failed(startedAt, endedAt, false, error);
    }

    /// <summary>Runs the upload and the download concurrently; one after the other when the endpoint has a single
    /// port (an iperf3 server runs one test at a time, so concurrent directions need a port each).</summary>
    internal async Task<(Iperf3DirectionOutcome Up, Iperf3DirectionOutcome Down)> RunBothAsync(
        LinkEndpoint endpoint, double flowSizeMb, CancellationToken cancellationToken)
    {
        if (endpoint.PortCount == 1)
        {
            var first = await RunDirectionAsync(endpoint, flowSizeMb, reverse: false, firstPortIndex: 0, cancellationToken).ConfigureAwait(false);
            var second = await RunDirectionAsync(endpoint, flowSizeMb, reverse: true, firstPortIndex: 0, cancellationToken).ConfigureAwait(false);
            return (first, second);
        }
        var up = RunDirectionAsync(endpoint, flowSizeMb, reverse: false, firstPortIndex: 0, cancellationToken);
        var down = RunDirectionAsync(endpoint, flowSizeMb, reverse: true, firstPortIndex: endpoint.PortCount > 1 ? 1 : 0, cancellationToken);
        await Task.WhenAll(up, down).ConfigureAwait(false);
        return (await up.ConfigureAwait(false), await down.ConfigureAwait(false));
    }

    /// <summary>One direction: tries the endpoint's ports in turn from <paramref name="firstPortIndex"/>, passing over busy ones,
    /// for <see cref="Iperf3FlowOptions.BusyRounds"/> rounds with a linearly growing pause while every port is busy.</summary>
    internal async Task<Iperf3DirectionOutcome> RunDirectionAsync(
        LinkEndpoint endpoint, double flowSizeMb, bool reverse, int firstPortIndex, CancellationToken cancellationToken)
    {
        var busy = new List<int>();
        var bytes = (long)Math.Ceiling(flowSizeMb * 1e6);
        var timeout = RunTimeout(flowSizeMb, _options);
        var outcome = await _busyRetry.ExecuteAsync(async ct =>
        {
            for (var i = 0; i < endpoint.PortCount; i++)
            {
                var port = endpoint.BasePort + (firstPortIndex + i) % endpoint.PortCount;
                var (report, error) = await RunOnceAsync(endpoint.Host, port, bytes, reverse, timeout, ct).ConfigureAwait(false);
                if (report is { IsBusy: true })
                {
                    busy.Add(port);
                    continue;
                }
                return new Iperf3DirectionOutcome(reverse, port, busy, report, error);
            }
            return null; // every port busy this round
        }, cancellationToken).ConfigureAwait(false);
        return outcome ?? new Iperf3DirectionOutcome(reverse, null, busy, null,
            $"every iperf3 server port {endpoint.BasePort}..{endpoint.BasePort + endpoint.PortCount - 1} stayed busy " +
            $"(\"the server is busy running a test\") over {Math.Max(1, _options.BusyRounds)} rounds");
    }

    /// <summary>Another round while every port was busy: BusyBackoff, 2 × BusyBackoff, … between rounds.</summary>
    private static ResiliencePipeline<Iperf3DirectionOutcome?> BusyRetry(Iperf3FlowOptions options)
    {
        var builder = new ResiliencePipelineBuilder<Iperf3DirectionOutcome?>();
        if (options.BusyRounds > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<Iperf3DirectionOutcome?>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome is { Exception: null, Result: null }),
                MaxRetryAttempts = options.BusyRounds - 1,
                BackoffType = DelayBackoffType.Linear,
                Delay = options.BusyBackoff,
                UseJitter = false,
            });
        }
        return builder.Build();
    }

    /// <summary>One iperf3 client run; returns the parsed report, or an error text (iperf3's own when it gave one).</summary>
    private async Task<(Iperf3Report? Report, string? Error)> RunOnceAsync(
        string host, int port, long bytes, bool reverse, TimeSpan timeout, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "-c", host, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-n", bytes.ToString(CultureInfo.InvariantCulture), "-J",
            "--connect-timeout", ((int)_options.ConnectTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ];
        if (reverse)
        {
            arguments.Add("-R");
        }
        else
        {
            arguments.AddRange(["-w", UploadWindowBytes(bytes).ToString(CultureInfo.InvariantCulture)]);
        }
        if (_options.BindAddress is not null)
        {
            arguments.AddRange(["-B", _options.BindAddress]);
        }
        ProcessOutput output;
        try
        {
            output = await ExternalProcess.RunAsync(_options.Executable, arguments, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ExternalProcessException e)
        {
            return (null, $"iperf3 to {host}:{port}: {e.Message}");
        }
        Iperf3Report report;
        try
        {
            report = Iperf3Report.Parse(output.StandardOutput);
        }
        catch (FormatException e)
        {
            var stderr = string.IsNullOrWhiteSpace(output.StandardError) ? "" : $": {output.FirstErrorLine}";
            return (null, $"iperf3 to {host}:{port} exited with code {output.ExitCode} ({e.Message}){stderr}");
        }
        if (report.Error is not null)
        {
            return (report, report.IsBusy ? null : $"iperf3 to {host}:{port}: {report.Error}");
        }
        if (output.ExitCode != 0 || !report.Succeeded)
        {
            return (report, $"iperf3 to {host}:{port} exited with code {output.ExitCode} without a measured speed: {output.FirstErrorLine}");
        }
        return (report, null);
    }

    /// <summary>
    /// The socket buffer of an upload (<c>iperf3 -w</c>): a sixteenth of the flow, 64 KiB to 1 MiB. iperf3's sender
    /// ends the test as soon as its last byte is in its own socket buffer and says so on the control connection; the
    /// receiver then stops counting. With the kernel's default buffers a 1 MB upload through a shaped link is mostly
    /// still in the sender's buffer at that moment, so the receiver counted a fifth of it over a few milliseconds of
    /// start-up and measured 0.2–0.4 of the rate. A bounded buffer keeps at most about two buffers (an eighth of the
    /// flow) uncounted, so the receiver's figure covers the transfer; 64 KiB still fills a 100 MB/s link while the
    /// round trip stays under half a millisecond.
    /// </summary>
    internal static long UploadWindowBytes(long flowBytes) => Math.Clamp(flowBytes / 16, 64L * 1024, 1024L * 1024);

    /// <summary>The timeout of one iperf3 run: size / minimum rate + slack, capped.</summary>
    internal static TimeSpan RunTimeout(double flowSizeMb, Iperf3FlowOptions options)
    {
        var seconds = flowSizeMb / Math.Max(1e-6, options.MinimumRateMBps) + options.Slack.TotalSeconds;
        return TimeSpan.FromSeconds(Math.Min(seconds, options.MaxRunTimeout.TotalSeconds));
    }
}
