using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.EndToEnd.Tests.Support;
using SpecClients.Samples.Sandbox;
using Xunit;

namespace SpecClients.EndToEnd.Tests;

/// <summary>Per provider: one token for several calls, attached as the provider expects, replaced after it expires.</summary>
public sealed class TokenLifecycleTests
{
    public static TheoryData<string> TokenProviders => new(Clients.TokenProviders);

    [Theory]
    [MemberData(nameof(TokenProviders))]
    public async Task OneTokenIsObtainedAndReusedFromTheCacheAcrossSeveralCalls(string provider)
    {
        await using var harness = await Harness.StartAsync();

        for (var call = 0; call < 5; call++)
        {
            await harness.CallAsync(provider);
        }

        var counters = harness.Sandbox.Counters[provider];
        counters.TokenRequests.ShouldBe(1);
        counters.TokensIssued.ShouldBe(1);
        counters.CallsAccepted.ShouldBe(5);
        counters.CallsRejected.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TokenProviders))]
    public async Task TheTokenTheProviderExposesIsTheOneTheCallsCarry(string provider)
    {
        await using var harness = await Harness.StartAsync();
        var token = await Clients.TokenProviderOf(harness.Services, provider).GetTokenAsync(CancellationToken.None);

        await harness.CallAsync(provider);

        // The sandbox accepts only tokens it issued, attached its way (JWT …, Bearer …, inside Faspay's signature):
        // one issued token and an accepted call without a second token request prove the cached one was attached.
        token.Value.ShouldNotBeNullOrWhiteSpace();
        harness.Sandbox.Counters[provider].TokenRequests.ShouldBe(1);
        harness.Sandbox.Counters[provider].CallsAccepted.ShouldBe(1);
        harness.Sandbox.Counters[provider].CallsRejected.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TokenProviders))]
    public async Task AfterTheTokenExpiresTheNextCallObtainsANewTokenAndSucceeds(string provider)
    {
        await using var harness = await Harness.StartAsync();
        await harness.CallAsync(provider);
        await harness.CallAsync(provider);
        var first = await Clients.TokenProviderOf(harness.Services, provider).GetTokenAsync(CancellationToken.None);

        harness.Clock.Advance(Clients.LifetimeOf(harness.SandboxOptions, provider) + TimeSpan.FromSeconds(1));
        await harness.CallAsync(provider);
        await harness.CallAsync(provider);
        var second = await Clients.TokenProviderOf(harness.Services, provider).GetTokenAsync(CancellationToken.None);

        second.Value.ShouldNotBe(first.Value);
        var counters = harness.Sandbox.Counters[provider];
        counters.TokenRequests.ShouldBe(2);
        counters.CallsAccepted.ShouldBe(4);
        counters.CallsRejected.ShouldBe(0);
    }

    [Fact]
    public async Task FincartsStaticPortalTokenIsAttachedRawAndNeverRequested()
    {
        await using var harness = await Harness.StartAsync();

        await harness.CallAsync(SandboxProviders.Fincart);
        harness.Clock.Advance(TimeSpan.FromDays(365));
        await harness.CallAsync(SandboxProviders.Fincart);

        var counters = harness.Sandbox.Counters.Fincart;
        counters.TokenRequests.ShouldBe(0);
        counters.CallsAccepted.ShouldBe(2);
        counters.CallsRejected.ShouldBe(0);
        harness.Wire.Entries.ShouldAllBe(e => e.Provider == SandboxProviders.Fincart && e.StatusCode == 200);
    }

    [Fact]
    public async Task KitegatewayTokenIsReplacedRefreshMarginBeforeItsExpiry()
    {
        await using var harness = await Harness.StartAsync();
        await harness.CallAsync(SandboxProviders.Kitegateway);

        // 600 s token, 60 s default refresh margin: still reused at 539 s, replaced at 541 s, never sent expired.
        harness.Clock.Advance(TimeSpan.FromSeconds(539));
        await harness.CallAsync(SandboxProviders.Kitegateway);
        harness.Sandbox.Counters.Kitegateway.TokenRequests.ShouldBe(1);
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        await harness.CallAsync(SandboxProviders.Kitegateway);

        harness.Sandbox.Counters.Kitegateway.TokenRequests.ShouldBe(2);
        harness.Sandbox.Counters.Kitegateway.CallsRejected.ShouldBe(0);
        harness.Wire.To(SandboxProviders.Kitegateway, "/v1/auth/token").Count.ShouldBe(2);
        harness.Wire.Entries.Where(e => e.Path.Contains("send-callback", StringComparison.Ordinal)).ShouldAllBe(e => e.StatusCode == 200);
    }
}
