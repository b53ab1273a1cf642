using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SpecClients.Runtime.Auth;

namespace SpecClients.EndToEnd.Tests.Support;

/// <summary>
/// The counters of the <c>SpecClients.Auth</c> meter, collected as a metrics exporter would see them, one
/// <see cref="MetricCollector{T}"/> per counter that <see cref="SpecClientsTelemetry"/> documents.
/// </summary>
public sealed class AuthMetrics : IDisposable
{
    private readonly MetricCollector<long> _refreshes = Collect(SpecClientsTelemetry.TokenRefreshesCounterName);
    private readonly MetricCollector<long>[] _all;

    /// <summary>Starts collecting.</summary>
    public AuthMetrics() =>
        _all = [Collect(SpecClientsTelemetry.TokenRequestsCounterName), Collect(SpecClientsTelemetry.TokenCacheHitsCounterName), _refreshes];

    /// <summary>Every measurement as text (instrument, value, tags), for secret scanning.</summary>
    public string[] Texts =>
        _all.SelectMany(c => c.GetMeasurementSnapshot().Select(m =>
            c.Instrument!.Name + " " + m.Value + " " + string.Concat(m.Tags.Select(t => t.Key + "=" + t.Value + ";")))).ToArray();

    /// <summary>The sum of the refresh counter with the given outcome.</summary>
    /// <param name="outcome">The outcome tag's value.</param>
    /// <returns>The sum.</returns>
    public long Refreshes(string outcome) =>
        _refreshes.GetMeasurementSnapshot()
            .Where(m => m.ContainsTags(new KeyValuePair<string, object?>(SpecClientsTelemetry.OutcomeTagName, outcome)))
            .Sum(m => m.Value);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var collector in _all)
        {
            collector.Dispose();
        }
    }

    private static MetricCollector<long> Collect(string counterName) => new(null, SpecClientsTelemetry.MeterName, counterName);
}
