using System;
using System.Linq;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.EndToEnd.Tests.Support;
using Xunit;

namespace SpecClients.EndToEnd.Tests;

/// <summary>Many callers at once share one token request: on a cold cache and again when the token has expired.</summary>
public sealed class ConcurrencyTests
{
    private const int Callers = 200;

    public static TheoryData<string> TokenProviders => new(Clients.TokenProviders);

    [Theory]
    [MemberData(nameof(TokenProviders))]
    public async Task ConcurrentCallsOnAColdCacheShareOneTokenRequest(string provider)
    {
        await using var harness = await Harness.StartAsync();

        await CallConcurrentlyAsync(harness, provider);

        var counters = harness.Sandbox.Counters[provider];
        counters.TokenRequests.ShouldBe(1);
        counters.CallsAccepted.ShouldBe(Callers);
        counters.CallsRejected.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TokenProviders))]
    public async Task ConcurrentCallsAfterTheTokenExpiredShareOneNewTokenRequest(string provider)
    {
        await using var harness = await Harness.StartAsync();
        await CallConcurrentlyAsync(harness, provider);

        harness.Clock.Advance(Clients.LifetimeOf(harness.SandboxOptions, provider) + TimeSpan.FromSeconds(1));
        await CallConcurrentlyAsync(harness, provider);

        var counters = harness.Sandbox.Counters[provider];
        counters.TokenRequests.ShouldBe(2);
        counters.CallsAccepted.ShouldBe(2 * Callers);
        counters.CallsRejected.ShouldBe(0);
    }

    private static async Task CallConcurrentlyAsync(Harness harness, string provider)
    {
        // All callers are queued before any starts, so they meet the cold (or expired) cache together.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, Callers)
            .Select(_ => Task.Run(async () =>
            {
                await start.Task;
                await harness.CallAsync(provider);
            }))
            .ToArray();
        start.SetResult();
        await Task.WhenAll(calls);
    }
}
