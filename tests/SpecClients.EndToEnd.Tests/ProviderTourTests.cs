using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecClients.Samples.ProviderTour;
using SpecClients.Samples.ProviderTour.FaspaySendme;
using SpecClients.Samples.ProviderTour.Fincart;
using SpecClients.Samples.ProviderTour.Fincode;
using SpecClients.Samples.ProviderTour.Kitegateway;
using SpecClients.Samples.ProviderTour.Torus;
using SpecClients.Samples.Sandbox;
using Xunit;
using Tour = SpecClients.Samples.ProviderTour.ProviderTour;

namespace SpecClients.EndToEnd.Tests;

/// <summary>
/// The main job: the provider tour's own code (its generated clients, registered as its Program.cs does for the
/// sandbox) obtains and uses a token from all five providers.
/// </summary>
public sealed class ProviderTourTests
{
    [Fact]
    public async Task TheProviderTourSucceedsForAllFiveProvidersAgainstTheSandbox()
    {
        await using var sandbox = await ProviderSandbox.StartAsync(new SandboxOptions());
        var s = new SandboxOptions();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFincartClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.Fincart);
            o.FincartToken = s.FincartToken;
        });
        services.AddKitegatewayClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.Kitegateway);
            o.SecretKey = s.KitegatewaySecretKey;
            o.KitegatewayTokenRequest = new TokenRequest { ApiKey = s.KitegatewayApiKey, ExpiresIn = 300 };
        });
        services.AddFincodeClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.FinCode);
            o.BasicAuthUsername = s.FinCodeClientId;
            o.BasicAuthPassword = s.FinCodeClientSecret;
            o.AccessTokenRequest = new PostOauthTokenRequest { Username = s.FinCodeUsername, Password = s.FinCodePassword, GrantType = PostOauthTokenRequestGrantType.Password };
        });
        services.AddFaspaySendmeClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.Faspay);
            o.RequestSigner = new FaspayRequestSigner(s.Faspay);
        });
        services.AddTorusClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.Torus);
            o.RequestToken = s.TorusRequestToken;
            o.TorusAccessTokenRequest = new SessionRequest { ApiKey = s.TorusApiKey, ApiSecret = s.TorusApiSecret };
        });
        using var meter = new TokenMeter();
        await using var provider = services.BuildServiceProvider();
        var tour = new Tour(provider, meter);

        var results = new[]
        {
            await tour.RunAsync("Fincart", Tour.FincartAsync),
            await tour.RunAsync("Kitegateway", Tour.KitegatewayAsync),
            await tour.RunAsync("FinCode", Tour.FincodeAsync),
            await tour.RunAsync("Faspay SendMe", Tour.FaspayAsync),
            await tour.RunAsync("Torus", Tour.TorusAsync),
        };

        results.Where(r => !r.Succeeded).Select(r => r.Provider + ": " + r.Result).ShouldBeEmpty();
        foreach (var name in SandboxProviders.All)
        {
            sandbox.Counters[name].CallsAccepted.ShouldBe(2, name);
            sandbox.Counters[name].CallsRejected.ShouldBe(0, name);
        }

        foreach (var name in SandboxProviders.All.Skip(1))
        {
            sandbox.Counters[name].TokenRequests.ShouldBe(1, name);
        }

        // The table masks the tokens: none is shown whole.
        results.Skip(1).ShouldAllBe(r => r.Token.Contains('…') && r.ExpiresAt != null);
    }
}
