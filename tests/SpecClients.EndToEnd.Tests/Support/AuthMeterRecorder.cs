using System;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SpecClients.Runtime.Auth;

namespace SpecClients.EndToEnd.Tests.Support;

/// <summary>Listens to the <c>SpecClients.Auth</c> meter as a metrics exporter would.</summary>
public sealed class AuthMeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, string Tags)> _measurements = new();

    /// <summary>Starts listening.</summary>
    public AuthMeterRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SpecClientsTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var text = string.Empty;
            foreach (var tag in tags)
            {
                text += tag.Key + "=" + tag.Value + ";";
            }

            _measurements.Enqueue((instrument.Name, value, text));
        });
        _listener.Start();
    }

    /// <summary>Every measurement as text (instrument, value, tags), for secret scanning.</summary>
    public string[] Texts => Array.ConvertAll(_measurements.ToArray(), m => m.Instrument + " " + m.Value + " " + m.Tags);

    /// <summary>The sum of the refresh counter with the given outcome.</summary>
    /// <param name="outcome">The outcome tag's value.</param>
    /// <returns>The sum.</returns>
    public long Refreshes(string outcome)
    {
        long sum = 0;
        foreach (var m in _measurements)
        {
            if (m.Instrument == SpecClientsTelemetry.TokenRefreshesCounterName && m.Tags.Contains(SpecClientsTelemetry.OutcomeTagName + "=" + outcome + ";", StringComparison.Ordinal))
            {
                sum += m.Value;
            }
        }

        return sum;
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
