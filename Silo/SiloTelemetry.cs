using Auction.Grains.Telemetry;
using Auction.Silo.Configuration;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Auction.Silo;

/// <summary>
/// The silo's telemetry export: the <c>Auction</c> meter and Orleans' own, scraped as Prometheus text at <c>/metrics</c>
/// on the dashboard's web host and pushed over OTLP when an endpoint is configured; and, over the same OTLP endpoint
/// only, the traces of the <c>Auction</c> activity source, Orleans' grain calls and Npgsql's commands (docs/observability.md).
/// </summary>
public static class SiloTelemetry
{
    /// <summary>The meter Orleans records its runtime instruments on (messaging, activations, membership …).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Where the silo serves Prometheus text.</summary>
    public const string ScrapePath = "/metrics";

    /// <summary>The OpenTelemetry SDK's own variable for the collector; the exporter reads it when no endpoint is set here.</summary>
    private const string StandardOtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Whether this silo serves <see cref="ScrapePath"/>: only on the web host, which only the dashboard's silos have.</summary>
    public static bool ServesPrometheus(SiloPlan plan) => plan.HostsDashboard && plan.Settings.Telemetry.Prometheus;

    /// <summary>The activity sources whose spans the silo exports: the auction's, then Orleans' application and runtime calls.</summary>
    public static readonly IReadOnlyList<string> TraceSources =
        [AuctionTracing.SourceName, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName];

    /// <summary>
    /// Adds the meter provider when something exports its metrics, and the tracer provider when an OTLP endpoint is
    /// set; with no exporter, nothing is collected (and no span is even created).
    /// </summary>
    public static void Configure(IHostApplicationBuilder builder, SiloPlan plan)
    {
        var telemetry = plan.Settings.Telemetry;
        bool prometheus = ServesPrometheus(plan);
        bool otlp = !string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) || !string.IsNullOrWhiteSpace(builder.Configuration[StandardOtlpEndpoint]);
        if (!prometheus && !otlp) return;

        builder.Services.AddOpenTelemetry()
            // The silo's name ("consumer", "provider-3", "all-in-one") tells the silos' series apart in a collector.
            .ConfigureResource(resource => resource.AddService(
                serviceName: plan.SiloName, serviceNamespace: plan.Settings.Cluster.ServiceId, serviceInstanceId: plan.SiloName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AuctionMetrics.MeterName, OrleansMeterName);
                if (prometheus) metrics.AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter(options =>
                    {
                        if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint)) options.Endpoint = new Uri(telemetry.OtlpEndpoint);
                    });
                }
            });
        // Traces have no scrape endpoint: they are pushed or not collected at all.
        if (!otlp) return;
        builder.Services.AddOpenTelemetry().WithTracing(tracing => AddRequestTracing(tracing)
            .AddOtlpExporter(options =>
            {
                if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint)) options.Endpoint = TraceEndpoint(new Uri(telemetry.OtlpEndpoint));
            }));
    }

    /// <summary>What a silo traces, whatever the exporter: <see cref="TraceSources"/>, Npgsql's commands, and only the requests' spans.</summary>
    public static TracerProviderBuilder AddRequestTracing(TracerProviderBuilder tracing) =>
        tracing.AddSource([.. TraceSources]).AddNpgsql().SetSampler(new RequestTraceSampler());

    /// <summary>
    /// Where spans go given the configured endpoint: the same, except that an OTLP/HTTP endpoint given with its metrics
    /// path (<c>…/v1/metrics</c>, as http/protobuf needs it set here) sends them to its traces path (<c>…/v1/traces</c>).
    /// </summary>
    public static Uri TraceEndpoint(Uri configured) =>
        configured.AbsolutePath.EndsWith(MetricsPath, StringComparison.Ordinal)
            ? new UriBuilder(configured) { Path = configured.AbsolutePath[..^MetricsPath.Length] + TracesPath }.Uri
            : configured;

    private const string MetricsPath = "/v1/metrics";
    private const string TracesPath = "/v1/traces";

    /// <summary>Maps <see cref="ScrapePath"/> on the web host when this silo serves Prometheus text.</summary>
    public static void MapScrapeEndpoint(WebApplication app, SiloPlan plan)
    {
        if (ServesPrometheus(plan)) app.MapPrometheusScrapingEndpoint(ScrapePath);
    }
}
