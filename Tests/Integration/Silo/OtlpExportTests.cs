using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Auction.Tests.Support;

namespace Auction.Tests.Integration.Silo;

/// <summary>A real silo process given an OTLP endpoint pushes its metrics there, under its own name.</summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly int _collectorPort = FreePort.Next();
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
        _silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Auction__Role"] = "all",
            ["Auction__ReferenceProviders"] = "3",
            ["Auction__Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Auction__Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Auction__Dashboard__Enabled"] = "false",
            ["Auction__Telemetry__OtlpEndpoint"] = $"http://127.0.0.1:{_collectorPort}/v1/metrics",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        return Task.CompletedTask;
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
        string[] wanted = ["all-in-one", "Auction", "auction.flows.running", "Microsoft.Orleans"];
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
        Assert.Equal("/v1/metrics", export.Path);
    }
}
