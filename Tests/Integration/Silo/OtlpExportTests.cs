using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Auction.Client.Experiments;
using Auction.Grains.Interfaces;
using Auction.Grains.Interfaces.Models;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Silo;

/// <summary>A real silo process given an OTLP endpoint pushes its metrics and its requests' spans there, under its own name.</summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly int _collectorPort = FreePort.Next();
    private int _gatewayPort = FreePort.Next();
    private readonly HttpListener _collector = new();
    private readonly Channel<(string Path, byte[] Body)> _exports = Channel.CreateUnbounded<(string, byte[])>();
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;
    private SiloProcess _silo = null!;

    public Task InitializeAsync()
    {
        // A stand-in collector on loopback: keeps each export's path and body, answers with an empty (valid) response.
        _collector.Prefixes.Add($"http://127.0.0.1:{_collectorPort}/");
        _collector.Start();
        _serving = ServeAsync();
        _silo = StartSilo();
        return Task.CompletedTask;
    }

    private SiloProcess StartSilo() =>
        SiloProcess.Start(new Dictionary<string, string>
        {
            ["Auction__Role"] = "all",
            ["Auction__ReferenceProviders"] = "3",
            ["Auction__Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Auction__Cluster__GatewayPort"] = _gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Auction__Dashboard__Enabled"] = "false",
            ["Auction__Telemetry__OtlpEndpoint"] = $"http://127.0.0.1:{_collectorPort}/v1/metrics",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        });

    /// <summary>
    /// The client of the silo's gateway, given up to three minutes. A silo that exited at start (a port another test
    /// took between FreePort and its bind) is started again on other ports; one that never answers fails the test
    /// with what it said.
    /// </summary>
    private async Task<RemoteExperimentCluster> ConnectAsync()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await RemoteExperimentCluster.ConnectAsync(
                    new ClusterEndpoint { Gateway = new IPEndPoint(IPAddress.Loopback, _gatewayPort) }, TimeSpan.FromSeconds(60), CancellationToken.None);
            }
            catch (ClusterUnreachableException) when (attempt < 3)
            {
                // still starting on a loaded machine: wait once more; exited: start it again
                if (!_silo.HasExited) continue;
                await _silo.DisposeAsync();
                _gatewayPort = FreePort.Next();
                _silo = StartSilo();
            }
            catch (ClusterUnreachableException e)
            {
                throw new TimeoutException($"{e.Message}; the silo (exited: {_silo.HasExited}) said:\n{_silo.Output}", e);
            }
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _collector.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            await _exports.Writer.WriteAsync((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _stop.Cancel();
        _collector.Close();
        await _serving;
    }

    [Fact]
    public async Task The_silo_pushes_the_auction_and_Orleans_meters_under_its_name()
    {
        // Protobuf keeps strings as UTF-8 bytes: the resource's name and the meters' names are readable in the body.
        var export = await ExportWithAsync(["all-in-one", "Auction", "auction.flows.running", "Microsoft.Orleans"]);
        Assert.Equal("/v1/metrics", export.Path);
    }

    [Fact]
    public async Task The_silo_pushes_a_requests_spans_to_the_traces_path_under_the_records_trace_id()
    {
        TransactionRecord record;
        await using (var cluster = await ConnectAsync())
        {
            var registry = cluster.Grains.GetGrain<IProviderRegistryGrain>(IProviderRegistryGrain.DefaultKey);
            string[] ids = [];
            await Eventually.TrueAsync(async () => (ids = (await registry.GetProviders()).Select(p => p.Id).ToArray()).Length == 3,
                TimeSpan.FromSeconds(30), "the registry to list 3 providers");
            record = await cluster.Grains.GetGrain<IConsumerGrain>("c-otlp").Purchase(new PurchaseRequest
            {
                Providers = ids,
                Qos = new Qos(Price: 0.5, Uplink: 25, Downlink: 25, Mu: 0.8, Delta: 0.8, Epsilon: 2, FlowSizeMb: 5),
            }).WaitAsync(TimeSpan.FromSeconds(30));
        }

        // OTLP carries the trace id as its 16 bytes, the span names as UTF-8. The spans may come in several batches.
        Assert.NotNull(record.TraceId);
        var traceId = Convert.FromHexString(record.TraceId);
        string[] wanted = ["all-in-one", "auction.purchase", "auction.decision", "auction.transaction.write", "auction.provider.buy"];
        var traced = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!wanted.All(w => traced.Any(body => body.Contains(w, StringComparison.Ordinal))))
        {
            (string Path, byte[] Body) export;
            try
            {
                export = await _exports.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the spans {string.Join(", ", wanted)} of trace {record.TraceId} did not all reach /v1/traces within 90 s "
                    + $"({traced.Count} exports of it did); the silo said:\n{_silo.Output}");
            }
            if (export.Path == "/v1/traces" && export.Body.AsSpan().IndexOf(traceId) >= 0) traced.Add(Encoding.UTF8.GetString(export.Body));
        }
    }

    /// <summary>The first export whose body holds every wanted string, within 90 s.</summary>
    private async Task<(string Path, byte[] Body)> ExportWithAsync(string[] wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        (string Path, byte[] Body) export;
        string text;
        do
        {
            try
            {
                export = await _exports.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no export with {string.Join(", ", wanted)} reached the collector within 90 s; the silo said:\n{_silo.Output}");
            }
            text = Encoding.UTF8.GetString(export.Body);
        } while (!wanted.All(w => text.Contains(w, StringComparison.Ordinal)));
        return export;
    }
}
