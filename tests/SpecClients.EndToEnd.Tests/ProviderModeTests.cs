using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Shouldly;
using SpecClients.EndToEnd.Tests.Generated.FaspaySendme;
using SpecClients.EndToEnd.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Samples.Faspay;
using SpecClients.Samples.ProviderTour;
using SpecClients.Samples.Sandbox;
using Xunit;

namespace SpecClients.EndToEnd.Tests;

/// <summary>
/// The generated clients against each documented variant the sandbox can play (issue 13): what the providers' pages and
/// providers.md allow for, not only the sandbox's defaults.
/// </summary>
public sealed class ProviderModeTests
{
    [Fact]
    public async Task KitegatewayTokenReturnedWithoutTheJwtPrefixIsSentWithIt()
    {
        await using var harness = await Harness.StartAsync(o => o.KitegatewayTokenHasJwtPrefix = false);

        await harness.CallAsync(SandboxProviders.Kitegateway);
        await harness.CallAsync(SandboxProviders.Kitegateway);

        harness.Sandbox.Counters.Kitegateway.TokenRequests.ShouldBe(1);
        harness.Sandbox.Counters.Kitegateway.CallsAccepted.ShouldBe(2);
        harness.Sandbox.Counters.Kitegateway.CallsRejected.ShouldBe(0);
    }

    [Fact]
    public async Task KitegatewayOpaqueTokenExpiresAtDataExpires()
    {
        await using var harness = await Harness.StartAsync(o => o.KitegatewayOpaqueTokens = true);
        var requestedAt = harness.Clock.GetUtcNow();

        await harness.CallAsync(SandboxProviders.Kitegateway);

        var token = await Clients.TokenProviderOf(harness.Services, SandboxProviders.Kitegateway).GetTokenAsync(CancellationToken.None);
        token.Value.ShouldNotContain(".", customMessage: "an opaque token, no JWT to read an exp claim from");
        token.ExpiresAt.ShouldNotBeNull();
        token.ExpiresAt.Value.ToUnixTimeSeconds().ShouldBe((requestedAt + Clients.KitegatewayRequestedLifetime).ToUnixTimeSeconds());
        harness.Sandbox.Counters.Kitegateway.CallsAccepted.ShouldBe(1);
    }

    [Fact]
    public async Task FaspayNumericExpiredInAndStatusAreReadLikeTheirStringForms()
    {
        await using var harness = await Harness.StartAsync(o => o.FaspayNumbersAsJsonNumbers = true);
        var requestedAt = harness.Clock.GetUtcNow();

        await harness.CallAsync(SandboxProviders.Faspay);

        var token = await Clients.TokenProviderOf(harness.Services, SandboxProviders.Faspay).GetTokenAsync(CancellationToken.None);
        token.ExpiresAt.ShouldBe(requestedAt + harness.SandboxOptions.FaspayTokenLifetime);
        harness.Sandbox.Counters.Faspay.CallsAccepted.ShouldBe(1);
    }

    [Fact]
    public async Task FaspayTokensEndpointReadingWorksWhenBothSidesUseIt()
    {
        await using var harness = await Harness.StartAsync(o => o.FaspayTokenSigning = FaspayTokenSigning.TokensEndpoint);
        var services = harness.BuildContainer(new FakeLogCollector(), new WireLog(), s => s.PostConfigure<FaspaySendmeClientOptions>(
            o => o.RequestSigner = new FaspayRequestSigner(harness.SandboxOptions.Faspay, FaspayTokenSigning.TokensEndpoint)));

        await Clients.CallAsync(services, SandboxProviders.Faspay);

        harness.Sandbox.Counters.Faspay.TokensIssued.ShouldBe(1);
        harness.Sandbox.Counters.Faspay.CallsAccepted.ShouldBe(1);
    }

    [Fact]
    public async Task FaspayTokenSignedOverTheOtherReadingIsRefusedWithFaspaysAnswer()
    {
        // The sandbox follows the docs' other reading; the client signs as the SDKs do.
        await using var harness = await Harness.StartAsync(o => o.FaspayTokenSigning = FaspayTokenSigning.TokensEndpoint);

        var exception = await Should.ThrowAsync<TokenResponseException>(() => harness.CallAsync(SandboxProviders.Faspay));

        ShouldCarryFaspaysRefusal(exception, "Invalid faspay-signature", "44");
        harness.Sandbox.Counters.Faspay.TokensIssued.ShouldBe(0);
    }

    [Fact]
    public async Task FaspayWrongCredentialsGiveAnExceptionWithStatusMessageAndResponseCodeButNoSecret()
    {
        await using var harness = await Harness.StartAsync();
        var right = harness.SandboxOptions.Faspay;
        var wrong = new FaspayCredentials(right.FaspayKey, right.FaspaySecret, right.AppKey, "wrong-app-secret", right.ClientKey, right.ClientSecret, right.Iv);
        var services = harness.BuildContainer(new FakeLogCollector(), new WireLog(), credentials: new SandboxOptions { Faspay = wrong });

        var exception = await Should.ThrowAsync<TokenResponseException>(() => Clients.CallAsync(services, SandboxProviders.Faspay));

        ShouldCarryFaspaysRefusal(exception, "Invalid faspay-authorization", "43");
        exception.ToString().ShouldNotContain("wrong-app-secret");
        exception.ToString().ShouldNotContain(right.FaspaySecret);
    }

    private static void ShouldCarryFaspaysRefusal(TokenResponseException exception, string message, string responseCode)
    {
        var response = exception.Response.ShouldBeOfType<TokenResponse>();
        (response.Status, response.Message, response.ResponseCode).ShouldBe(("9", message, responseCode));
        exception.Message.ShouldContain("Status = 9, Message = " + message + ", ResponseCode = " + responseCode);
    }

    [Fact]
    public async Task TorusSessionResponseWithTheDocsTrailingCommaIsRead()
    {
        await using var harness = await Harness.StartAsync(o => o.TorusTrailingComma = true);

        await harness.CallAsync(SandboxProviders.Torus);
        await harness.CallAsync(SandboxProviders.Torus);

        harness.Sandbox.Counters.Torus.TokenRequests.ShouldBe(1);
        harness.Sandbox.Counters.Torus.CallsAccepted.ShouldBe(2);
    }
}
