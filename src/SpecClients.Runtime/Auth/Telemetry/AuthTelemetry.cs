using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>The instruments behind <see cref="SpecClientsTelemetry"/>.</summary>
internal static class AuthTelemetry
{
    public static readonly ActivitySource ActivitySource = new(SpecClientsTelemetry.ActivitySourceName);

    private static readonly Meter Meter = new(SpecClientsTelemetry.MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        SpecClientsTelemetry.TokenRequestsCounterName, "{request}", "Calls to a token source.");

    private static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        SpecClientsTelemetry.TokenCacheHitsCounterName, "{hit}", "Token requests answered from the cache.");

    private static readonly Counter<long> Refreshes = Meter.CreateCounter<long>(
        SpecClientsTelemetry.TokenRefreshesCounterName, "{request}", "Token requests that used a refresh token.");

    private static readonly KeyValuePair<string, object?> Success = new(SpecClientsTelemetry.OutcomeTagName, SpecClientsTelemetry.OutcomeSuccess);
    private static readonly KeyValuePair<string, object?> Failure = new(SpecClientsTelemetry.OutcomeTagName, SpecClientsTelemetry.OutcomeFailure);

    public static void RecordRequest(bool refresh, bool succeeded)
    {
        var outcome = succeeded ? Success : Failure;
        Requests.Add(1, outcome);
        if (refresh)
        {
            Refreshes.Add(1, outcome);
        }
    }

    public static void RecordCacheHit() => CacheHits.Add(1);
}
