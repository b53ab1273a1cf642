using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Samples.Sandbox;
using Xunit;

namespace SpecClients.Samples.Tests;

public sealed class SandboxHostTests : SandboxTestBase
{
    [Fact]
    public void Listens_on_loopback_with_a_real_port()
    {
        Sandbox.BaseAddress.Host.ShouldBe("127.0.0.1");
        IPAddress.IsLoopback(IPAddress.Parse(Sandbox.BaseAddress.Host)).ShouldBeTrue();
        Sandbox.BaseAddress.Port.ShouldBeGreaterThan(0);
        Sandbox.BaseAddress.AbsolutePath.ShouldBe("/");
    }

    [Theory]
    [InlineData("fincart")]
    [InlineData("kitegateway")]
    [InlineData("FinCode")]
    [InlineData("faspay")]
    [InlineData("TORUS")]
    public void For_gives_the_provider_prefix(string provider) =>
        Sandbox.For(provider).ShouldBe(new Uri(Sandbox.BaseAddress, provider.ToLowerInvariant() + "/"));

    [Fact]
    public void Unknown_provider_is_rejected()
    {
        Should.Throw<ArgumentException>(() => Sandbox.For("stripe"));
        Should.Throw<ArgumentException>(() => Sandbox.RevokeAllTokens("stripe"));
        Should.Throw<ArgumentException>(() => _ = Sandbox.Counters["stripe"]);
    }

    [Fact]
    public async Task Paths_outside_a_provider_prefix_are_not_found()
    {
        using var client = new HttpClient { BaseAddress = Sandbox.BaseAddress };
        using HttpResponseMessage response = await client.PostAsync("v1/auth/token", null);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dispose_stops_the_server()
    {
        ProviderSandbox other = await ProviderSandbox.StartAsync(new SandboxOptions());
        Uri address = other.For("kitegateway");
        await other.DisposeAsync();
        using var client = new HttpClient { BaseAddress = address };
        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("v1/transactions/send-callback/x"));
    }

    [Fact]
    public async Task Invalid_options_are_refused() =>
        await Should.ThrowAsync<ArgumentOutOfRangeException>(
            () => ProviderSandbox.StartAsync(new SandboxOptions { TorusTokenLifetime = TimeSpan.Zero }));
}
