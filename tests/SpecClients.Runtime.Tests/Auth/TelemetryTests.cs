using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection
{
}

/// <summary>The instruments are process-wide, so these tests run alone.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Fact]
    public async Task CountersCountSourceCallsCacheHitsAndRefreshes()
    {
        using var requests = new MetricCollector<long>(null, SpecClientsTelemetry.MeterName, SpecClientsTelemetry.TokenRequestsCounterName);
        using var cacheHits = new MetricCollector<long>(null, SpecClientsTelemetry.MeterName, SpecClientsTelemetry.TokenCacheHitsCounterName);
        using var refreshes = new MetricCollector<long>(null, SpecClientsTelemetry.MeterName, SpecClientsTelemetry.TokenRefreshesCounterName);

        var source = new TestTokenSource((c, n, _) => n == 3
            ? throw new InvalidOperationException("down")
            : new ValueTask<AccessToken>(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1), "rt")));
        var provider = Providers.Create(source, _clock);
        await provider.GetTokenAsync(CancellationToken.None);          // request 1
        await provider.GetTokenAsync(CancellationToken.None);          // hit
        await provider.GetTokenAsync(CancellationToken.None);          // hit
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        await provider.GetTokenAsync(CancellationToken.None);          // refresh 2
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        await provider.GetTokenAsync(CancellationToken.None);          // refresh 3 fails, request 4

        Sum(requests, null).ShouldBe(4);
        Sum(requests, SpecClientsTelemetry.OutcomeFailure).ShouldBe(1);
        Sum(cacheHits, null).ShouldBe(2);
        Sum(refreshes, null).ShouldBe(2);
        Sum(refreshes, SpecClientsTelemetry.OutcomeSuccess).ShouldBe(1);
    }

    [Fact]
    public async Task EachTokenRequestIsAnActivity()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SpecClientsTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var source = new TestTokenSource((c, n, _) => n == 2
            ? throw new InvalidOperationException("down")
            : new ValueTask<AccessToken>(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1))));
        var provider = Providers.Create(source, _clock);

        await provider.GetTokenAsync(CancellationToken.None);
        await provider.GetTokenAsync(CancellationToken.None); // cache hit: no activity
        await provider.InvalidateAsync(await provider.GetTokenAsync(CancellationToken.None), CancellationToken.None);
        await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        var stopped = activities.ToArray();
        stopped.Length.ShouldBe(2);
        stopped.ShouldAllBe(a => a.OperationName == SpecClientsTelemetry.TokenRequestActivityName);
        stopped[0].Status.ShouldBe(ActivityStatusCode.Unset);
        stopped[1].Status.ShouldBe(ActivityStatusCode.Error);
        stopped[1].GetTagItem(SpecClientsTelemetry.OutcomeTagName).ShouldBe(SpecClientsTelemetry.OutcomeFailure);
    }

    private static long Sum(MetricCollector<long> counter, string? outcome) =>
        counter.GetMeasurementSnapshot()
            .Where(m => outcome is null || m.ContainsTags(new KeyValuePair<string, object?>(SpecClientsTelemetry.OutcomeTagName, outcome)))
            .Sum(m => m.Value);
}
