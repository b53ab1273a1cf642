using System;
using System.Threading.Tasks;
using Providers.FaspaySendme;
using Providers.Fincart;
using Providers.Fincode;
using Providers.Kitegateway;
using Providers.Torus;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using Xunit;

namespace SpecClients.Client.Tests;

/// <summary>Which URL a client targets, seen through a handler that opens no connection.</summary>
public sealed class ServerSelectionTests
{
    private static readonly PostOauthTokenRequest FincodeBody = new() { Username = "merchant01", Password = "hunter2", GrantType = PostOauthTokenRequestGrantType.Password };

    [Fact]
    public async Task FincodeTokenOperationTargetsItsOperationServerWhenBaseAddressIsUnset()
    {
        using var handler = new RecordingHandler("""{"access_token":"a"}""");
        var client = new FincodeClient(handler.CreateHttpClient(), new FincodeClientOptions { BasicAuthUsername = "id", BasicAuthPassword = "secret" });

        await client.PostOauthTokenAsync(FincodeBody);

        var request = handler.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Uri.AbsoluteUri.ShouldBe("https://api.stag.songhaiexchange.io/oauth/token");
    }

    [Theory]
    [InlineData(FincodeServer.ApiV6, null)]
    [InlineData(FincodeServer.ApiV1, "acme")]
    public async Task FincodeOperationServerWinsOverTheServerAndTenantOptions(FincodeServer server, string? tenant)
    {
        using var handler = new RecordingHandler("""{"access_token":"a"}""");
        var client = new FincodeClient(handler.CreateHttpClient(), new FincodeClientOptions { Server = server, Tenant = tenant, BasicAuthUsername = "id", BasicAuthPassword = "secret" });

        await client.PostOauthTokenAsync(FincodeBody);

        handler.Requests.ShouldHaveSingleItem().Uri.AbsoluteUri.ShouldBe("https://api.stag.songhaiexchange.io/oauth/token");
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/fincode-proxy/", "http://127.0.0.1:9/fincode-proxy/oauth/token")]
    [InlineData("http://127.0.0.1:9/fincode-proxy", "http://127.0.0.1:9/fincode-proxy/oauth/token")]
    [InlineData("http://127.0.0.1:9", "http://127.0.0.1:9/oauth/token")]
    public async Task BaseAddressOverridesTheOperationServerAndKeepsItsPath(string baseAddress, string expected)
    {
        using var handler = new RecordingHandler("""{"access_token":"a"}""");
        var client = new FincodeClient(handler.CreateHttpClient(), new FincodeClientOptions { BaseAddress = new Uri(baseAddress), BasicAuthUsername = "id", BasicAuthPassword = "secret" });

        await client.PostOauthTokenAsync(FincodeBody);

        handler.Requests.ShouldHaveSingleItem().Uri.AbsoluteUri.ShouldBe(expected);
    }

    [Theory]
    [InlineData(KitegatewayServer.Live, "https://kitegateway.com/v1/auth/token")]
    [InlineData(KitegatewayServer.Sandbox, "https://sandbox.kitegateway.com/v1/auth/token")]
    public async Task KitegatewayServerOptionSelectsLiveOrSandbox(KitegatewayServer server, string expected)
    {
        using var handler = new RecordingHandler("""{"code":200,"data":{"token":"JWT t","expires":1}}""");
        var client = new KitegatewayClient(handler.CreateHttpClient(), new KitegatewayClientOptions { Server = server, SecretKey = "s" });

        await client.CreateAccessTokenAsync(new Providers.Kitegateway.TokenRequest { ApiKey = "k" });

        var request = handler.Requests.ShouldHaveSingleItem();
        request.Uri.AbsoluteUri.ShouldBe(expected);
        request.Headers["Secret-Key"].ShouldBe("s");
    }

    [Fact]
    public void KitegatewayDefaultsToTheLiveServer() =>
        new KitegatewayClientOptions().Server.ShouldBe(KitegatewayServer.Live);

    [Theory]
    [InlineData(FaspaySendmeServer.Live, "https://sendme.faspay.co.id/account/api/tokens")]
    [InlineData(FaspaySendmeServer.Sandbox, "https://sendme-sandbox.faspay.co.id/account/api/tokens")]
    public async Task FaspayServerOptionSelectsLiveOrSandbox(FaspaySendmeServer server, string expected)
    {
        using var handler = new RecordingHandler("""{"status":"2","message":"Success"}""");
        var client = new FaspaySendmeClient(
            handler.CreateHttpClient(),
            new FaspaySendmeClientOptions { Server = server },
            new IRequestAuthenticator[] { new SigningAuthenticator("faspaySignature", new FaspaySigner()) });

        await client.GetAccessTokenAsync();

        handler.Requests.ShouldHaveSingleItem().Uri.AbsoluteUri.ShouldBe(expected);
    }

    [Fact]
    public async Task FincartTargetsItsLiveServerByDefault()
    {
        using var handler = new RecordingHandler("""{"statusCode":200}""");
        var client = new FincartClient(handler.CreateHttpClient(), new FincartClientOptions { FincartToken = "t" });

        await client.GetOrderLogsAsync("ORD 1");

        handler.Requests.ShouldHaveSingleItem().Uri.AbsoluteUri.ShouldBe("https://api.fincart.io/v4/orders/ORD%201/logs");
    }

    [Fact]
    public async Task TorusTargetsItsLiveServerByDefault()
    {
        using var handler = new RecordingHandler("""{"AccessToken":"a"}""");
        var client = new TorusClient(handler.CreateHttpClient(), new TorusClientOptions { RequestToken = "t" });

        await client.GenerateSessionAsync(new SessionRequest { ApiKey = "k", ApiSecret = "s" });

        handler.Requests.ShouldHaveSingleItem().Uri.AbsoluteUri.ShouldBe("https://connects.torusdigital.com/api/v1/session/generate");
    }
}
