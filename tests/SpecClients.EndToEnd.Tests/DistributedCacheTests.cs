using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Shouldly;
using SpecClients.EndToEnd.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Samples.Sandbox;
using Xunit;

namespace SpecClients.EndToEnd.Tests;

/// <summary>Two processes (here: two containers) sharing a distributed cache share one token.</summary>
public sealed class DistributedCacheTests
{
    public static TheoryData<string> TokenProviders => new(Clients.TokenProviders);

    [Theory]
    [MemberData(nameof(TokenProviders))]
    public async Task ASecondContainerUsesTheTokenTheFirstPutInTheSharedDistributedCache(string provider)
    {
        await using var harness = await Harness.StartAsync();
        var shared = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        void UseSharedCache(IServiceCollection services) =>
            services.AddSingleton<ITokenCache>(sp => new DistributedTokenCache(shared, harness.Clock));
        var first = harness.BuildContainer(new FakeLogCollector(), new WireLog(), UseSharedCache);
        var second = harness.BuildContainer(new FakeLogCollector(), new WireLog(), UseSharedCache);

        await Clients.CallAsync(first, provider);
        await Clients.CallAsync(second, provider);
        await Clients.CallAsync(second, provider);

        var counters = harness.Sandbox.Counters[provider];
        counters.TokenRequests.ShouldBe(1);
        counters.CallsAccepted.ShouldBe(3);
        counters.CallsRejected.ShouldBe(0);
        var fromFirst = await Clients.TokenProviderOf(first, provider).GetTokenAsync(CancellationToken.None);
        var fromSecond = await Clients.TokenProviderOf(second, provider).GetTokenAsync(CancellationToken.None);
        fromSecond.Value.ShouldBe(fromFirst.Value);
    }

    [Fact]
    public async Task ContainersWithSeparateCachesEachRequestTheirOwnToken()
    {
        // The control for the test above: without the shared cache the second container does ask.
        await using var harness = await Harness.StartAsync();
        var first = harness.BuildContainer(new FakeLogCollector(), new WireLog());
        var second = harness.BuildContainer(new FakeLogCollector(), new WireLog());

        await Clients.CallAsync(first, SandboxProviders.Kitegateway);
        await Clients.CallAsync(second, SandboxProviders.Kitegateway);

        harness.Sandbox.Counters.Kitegateway.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task ATokenReplacedAfterExpiryInOneContainerIsPickedUpByTheOther()
    {
        await using var harness = await Harness.StartAsync();
        var shared = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        void UseSharedCache(IServiceCollection services) =>
            services.AddSingleton<ITokenCache>(sp => new DistributedTokenCache(shared, harness.Clock));
        var first = harness.BuildContainer(new FakeLogCollector(), new WireLog(), UseSharedCache);
        var second = harness.BuildContainer(new FakeLogCollector(), new WireLog(), UseSharedCache);
        await Clients.CallAsync(first, SandboxProviders.Torus);
        await Clients.CallAsync(second, SandboxProviders.Torus);

        harness.Clock.Advance(harness.SandboxOptions.TorusTokenLifetime + TimeSpan.FromSeconds(1));
        await Clients.CallAsync(first, SandboxProviders.Torus);
        await Clients.CallAsync(second, SandboxProviders.Torus);

        harness.Sandbox.Counters.Torus.TokenRequests.ShouldBe(2);
        harness.Sandbox.Counters.Torus.CallsAccepted.ShouldBe(4);
        harness.Sandbox.Counters.Torus.CallsRejected.ShouldBe(0);
    }

    public static TheoryData<string> ProvidersKeyedByCredentials =>
        new(SandboxProviders.Kitegateway, SandboxProviders.FinCode, SandboxProviders.Torus);

    [Theory]
    [MemberData(nameof(ProvidersKeyedByCredentials))]
    public Task ContainersWithOtherCredentialsDoNotGetTheTokenOfTheFirstFromTheSharedCache(string provider) =>
        OtherCredentialsRequestTheirOwnTokenAsync(provider);

    [Fact]
    public Task FaspayClientsWithOtherCredentialsDoNotGetTheTokenOfTheFirstFromTheSharedCache() =>
        OtherCredentialsRequestTheirOwnTokenAsync(SandboxProviders.Faspay);

    private static async Task OtherCredentialsRequestTheirOwnTokenAsync(string provider)
    {
        await using var harness = await Harness.StartAsync();
        var shared = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        void UseSharedCache(IServiceCollection services) =>
            services.AddSingleton<ITokenCache>(sp => new DistributedTokenCache(shared, harness.Clock));
        var first = harness.BuildContainer(new FakeLogCollector(), new WireLog(), UseSharedCache);
        var other = new SandboxOptions
        {
            KitegatewaySecretKey = "other-kite-secret-key",
            FinCodeClientSecret = "other-fincode-client-secret",
            Faspay = new SpecClients.Samples.Faspay.FaspayCredentials("other-key", "other-secret", "other-app-key", "other-app-secret", "other-client-key", "other-client-secret", "other-iv"),
            TorusRequestToken = "other-torus-request-token",
        };
        var second = harness.BuildContainer(new FakeLogCollector(), new WireLog(), UseSharedCache, other);
        await Clients.CallAsync(first, provider);

        // The other account's credentials are refused by this sandbox: its token request must be made, and fail.
        await Should.ThrowAsync<Exception>(async () => await Clients.TokenProviderOf(second, provider).GetTokenAsync(CancellationToken.None));

        harness.Sandbox.Counters[provider].TokenRequests.ShouldBe(2);
    }
}
