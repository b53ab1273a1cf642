using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.EndToEnd.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Samples.Sandbox;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.EndToEnd.Tests;

/// <summary>FinCode issues refresh tokens: replacing its access token must use one (grant_type=refresh_token).</summary>
public sealed class FinCodeRefreshTests
{
    private const string FinCode = SandboxProviders.FinCode;

    [Fact]
    public async Task TheAccessTokenIsRefreshedWithItsRefreshTokenOnceItIsDue()
    {
        await using var harness = await Harness.StartAsync();
        await harness.CallAsync(FinCode);
        var first = await Clients.TokenProviderOf(harness.Services, FinCode).GetTokenAsync(CancellationToken.None);
        first.RefreshToken.ShouldNotBeNull();

        // 3600 s token, 60 s refresh margin: due at 3540 s, still valid on the server.
        harness.Clock.Advance(harness.SandboxOptions.FinCodeTokenLifetime - TimeSpan.FromSeconds(30));
        await harness.CallAsync(FinCode);
        await harness.CallAsync(FinCode);

        harness.Sandbox.Counters.FinCode.TokenRequests.ShouldBe(2);
        harness.Sandbox.Counters.FinCode.CallsAccepted.ShouldBe(3);
        harness.Sandbox.Counters.FinCode.CallsRejected.ShouldBe(0);
        harness.Wire.To(FinCode, "/oauth/token").Select(e => e.GrantType).ShouldBe(["password", "refresh_token"]);
        harness.Logs.WithEvent(EventIds.TokenRefreshed).Count.ShouldBe(1);
        harness.Logs.WithEvent(EventIds.TokenRefreshFailed).ShouldBeEmpty();
        var refreshed = await Clients.TokenProviderOf(harness.Services, FinCode).GetTokenAsync(CancellationToken.None);
        refreshed.Value.ShouldNotBe(first.Value);
        refreshed.RefreshToken.ShouldBe(first.RefreshToken); // the sandbox reuses refresh tokens (Spring's default)
    }

    [Fact]
    public async Task TheAccessTokenIsRefreshedWithItsRefreshTokenAfterItHasExpired()
    {
        await using var harness = await Harness.StartAsync();
        await harness.CallAsync(FinCode);

        // An idle hour: the access token has expired, its refresh token (30 days) has not.
        harness.Clock.Advance(harness.SandboxOptions.FinCodeTokenLifetime + TimeSpan.FromSeconds(1));
        await harness.CallAsync(FinCode);

        harness.Sandbox.Counters.FinCode.TokenRequests.ShouldBe(2);
        harness.Sandbox.Counters.FinCode.CallsRejected.ShouldBe(0);
        harness.Wire.To(FinCode, "/oauth/token").Select(e => e.GrantType).ShouldBe(["password", "refresh_token"]);
        harness.Logs.WithEvent(EventIds.TokenRefreshed).Count.ShouldBe(1);
    }

    [Fact]
    public async Task TheRefreshIsCountedByTheRefreshCounterOfTheAuthMeter()
    {
        await using var harness = await Harness.StartAsync();
        using var meter = new AuthMetrics();
        await harness.CallAsync(FinCode);
        harness.Clock.Advance(harness.SandboxOptions.FinCodeTokenLifetime - TimeSpan.FromSeconds(30));
        await harness.CallAsync(FinCode);

        // The meter is process-wide; tests run serially (AssemblyInfo.cs), so these are this test's measurements.
        meter.Refreshes(SpecClientsTelemetry.OutcomeSuccess).ShouldBe(1);
        meter.Refreshes(SpecClientsTelemetry.OutcomeFailure).ShouldBe(0);
    }
}
