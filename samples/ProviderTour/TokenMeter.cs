using System;
using System.Diagnostics.Metrics;
using System.Threading;
using SpecClients.Runtime.Auth;

namespace SpecClients.Samples.ProviderTour;

/// <summary>Counts token requests and cache hits from the runtime's <c>SpecClients.Auth</c> meter, as any metrics exporter would.</summary>
public sealed class TokenMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _requests;
    private long _cacheHits;

    /// <summary>Starts listening.</summary>
    public TokenMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SpecClientsTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == SpecClientsTelemetry.TokenRequestsCounterName)
            {
                Interlocked.Add(ref _requests, value);
            }
            else if (instrument.Name == SpecClientsTelemetry.TokenCacheHitsCounterName)
            {
                Interlocked.Add(ref _cacheHits, value);
            }
        });
        _listener.Start();
    }

    /// <summary>Token requests so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Cache hits so far.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
