using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Auction.Grains.Telemetry;

namespace Auction.Tests.Support;

/// <summary>
/// Listens to the <c>Auction</c> meter and keeps every measurement with its tags, so tests read what the instruments
/// recorded. The meter is process-wide: tests pick their own measurements by a tag only they use (a consumer id, an outbox file).
/// </summary>
public sealed class AuctionMeterRecorder : IDisposable
{
    /// <summary>One measurement: the instrument's name, its value and its tags.</summary>
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public string? Tag(string name) => Tags.GetValueOrDefault(name);
    }

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public AuctionMeterRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AuctionMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements so far of one instrument.</summary>
    public IReadOnlyList<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToArray();

    /// <summary>Asks the observable instruments (gauges) for their current values and returns them.</summary>
    public IReadOnlyList<Measurement> Observe(string instrument)
    {
        int before = _measurements.Count;
        _listener.RecordObservableInstruments();
        return _measurements.Skip(before).Where(m => m.Instrument == instrument).ToArray();
    }

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags) map[key] = tag?.ToString();
        _measurements.Enqueue(new Measurement(instrument.Name, value, map));
    }

    public void Dispose() => _listener.Dispose();
}
