using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Tests.Support;
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
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task CountersCountSourceCallsCacheHitsAndRefreshes()
    {
        var measurements = new ConcurrentQueue<(string Name, long Value, string? Outcome)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SpecClientsTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == SpecClientsTelemetry.OutcomeTagName)
                {
                    outcome = tag.Value as string;
                }
            }

            measurements.Enqueue((instrument.Name, value, outcome));
        });
        listener.Start();

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

        var all = measurements.ToArray();
        Sum(all, SpecClientsTelemetry.TokenRequestsCounterName, null).ShouldBe(4);
        Sum(all, SpecClientsTelemetry.TokenRequestsCounterName, SpecClientsTelemetry.OutcomeFailure).ShouldBe(1);
        Sum(all, SpecClientsTelemetry.TokenCacheHitsCounterName, null).ShouldBe(2);
        Sum(all, SpecClientsTelemetry.TokenRefreshesCounterName, null).ShouldBe(2);
        Sum(all, SpecClientsTelemetry.TokenRefreshesCounterName, SpecClientsTelemetry.OutcomeSuccess).ShouldBe(1);
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
        await Should.ThrowAsync<InvalidOperationException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        var stopped = activities.ToArray();
        stopped.Length.ShouldBe(2);
        stopped.ShouldAllBe(a => a.OperationName == SpecClientsTelemetry.TokenRequestActivityName);
        stopped[0].Status.ShouldBe(ActivityStatusCode.Unset);
        stopped[1].Status.ShouldBe(ActivityStatusCode.Error);
        stopped[1].GetTagItem(SpecClientsTelemetry.OutcomeTagName).ShouldBe(SpecClientsTelemetry.OutcomeFailure);
    }

    private static long Sum(IEnumerable<(string Name, long Value, string? Outcome)> all, string name, string? outcome) =>
        all.Where(m => m.Name == name && (outcome is null || m.Outcome == outcome)).Sum(m => m.Value);
}
