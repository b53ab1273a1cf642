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

/// <summary>
/// FinCode's published spec allows grant_type "password" only (an enum), and the sandbox refuses any other grant as a
/// server that follows the spec would: replacing the access token re-runs the password grant, never a refresh grant.
/// </summary>
public sealed class FinCodeRefreshTests
{
    private const string FinCode = SandboxProviders.FinCode;

    [Fact]
    public async Task TheAccessTokenIsRenewedWithThePasswordGrantOnceItIsDue()
    {
        await using var harness = await Harness.StartAsync();
        await harness.CallAsync(FinCode);
        var first = await Clients.TokenProviderOf(harness.Services, FinCode).GetTokenAsync(CancellationToken.None);
        first.RefreshToken.ShouldBeNull("the spec gives no grant a refresh token could be used with");

        // 3600 s token, 60 s refresh margin: due at 3540 s, still valid on the server.
        harness.Clock.Advance(harness.SandboxOptions.FinCodeTokenLifetime - TimeSpan.FromSeconds(30));
        await harness.CallAsync(FinCode);
        await harness.CallAsync(FinCode);

        harness.Sandbox.Counters.FinCode.TokenRequests.ShouldBe(2);
        harness.Sandbox.Counters.FinCode.TokensIssued.ShouldBe(2, "no request was refused");
        harness.Sandbox.Counters.FinCode.CallsAccepted.ShouldBe(3);
        harness.Sandbox.Counters.FinCode.CallsRejected.ShouldBe(0);
        harness.Wire.To(FinCode, "/oauth/token").Select(e => e.GrantType).ShouldBe(["password", "password"]);
        harness.Logs.WithEvent(EventIds.TokenRefreshFailed).ShouldBeEmpty();
        var renewed = await Clients.TokenProviderOf(harness.Services, FinCode).GetTokenAsync(CancellationToken.None);
        renewed.Value.ShouldNotBe(first.Value);
    }

    [Fact]
    public async Task TheAccessTokenIsRenewedWithThePasswordGrantAfterItHasExpired()
    {
        await using var harness = await Harness.StartAsync();
        await harness.CallAsync(FinCode);

        harness.Clock.Advance(harness.SandboxOptions.FinCodeTokenLifetime + TimeSpan.FromSeconds(1));
        await harness.CallAsync(FinCode);

        harness.Sandbox.Counters.FinCode.TokenRequests.ShouldBe(2);
        harness.Sandbox.Counters.FinCode.TokensIssued.ShouldBe(2);
        harness.Sandbox.Counters.FinCode.CallsRejected.ShouldBe(0);
        harness.Wire.To(FinCode, "/oauth/token").Select(e => e.GrantType).ShouldBe(["password", "password"]);
    }

    [Fact]
    public async Task NoRefreshGrantIsCountedByTheAuthMeter()
    {
        await using var harness = await Harness.StartAsync();
        using var meter = new AuthMetrics();
        await harness.CallAsync(FinCode);
        harness.Clock.Advance(harness.SandboxOptions.FinCodeTokenLifetime - TimeSpan.FromSeconds(30));
        await harness.CallAsync(FinCode);

        // The meter is process-wide; tests run serially (AssemblyInfo.cs), so these are this test's measurements.
        meter.Refreshes(SpecClientsTelemetry.OutcomeSuccess).ShouldBe(0);
        meter.Refreshes(SpecClientsTelemetry.OutcomeFailure).ShouldBe(0);
    }
}
