using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Providers.SecuritySchemes;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

/// <summary>Each kind of security scheme, applied per operation as the spec's requirements say (TestSpecs/security-schemes.yaml).</summary>
public sealed class SecuritySchemeWireTests
{
    private static SecuritySchemesClient CreateClient(RecordingServer server, Action<SecuritySchemesClientOptions> configure)
    {
        var options = new SecuritySchemesClientOptions { BaseAddress = new Uri(server.Uri, "v1/") };
        configure(options);
        return new SecuritySchemesClient(server.CreateHttpClient(), options, new SecuritySchemesClientAuth(options, server.CreateHttpClient, new AuthServices(new InMemoryTokenCache(), TimeProvider.System)));
    }

    [Fact]
    public async Task OperationWithEmptySecuritySendsNoCredentials()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = CreateClient(server, o => { o.HeaderKey = "hk-1"; o.QueryKey = "qk-1"; o.StaticBearerToken = "bt-1"; });

        await client.GetPublicAsync();

        var request = server.SingleRequest;
        request.Header("X-Api-Key").ShouldBeNull();
        request.Header("Authorization").ShouldBeNull();
        request.Query.ShouldBeEmpty();
    }

    [Fact]
    public async Task OperationWithoutSecurityInheritsTheDocumentsHeaderKey()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = CreateClient(server, o => o.HeaderKey = "hk-2");

        await client.GetInheritedAsync();

        server.SingleRequest.Header("X-Api-Key").ShouldBe("hk-2");
    }

    [Fact]
    public async Task AlternativesUseTheFirstConfiguredOne()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = CreateClient(server, o => { o.BasicUsername = "user"; o.BasicPassword = "p@ss:word"; });

        await client.GetEitherAsync();

        var request = server.SingleRequest;
        request.Query.ShouldBeEmpty("the query key is not configured, so the Basic alternative applies");
        request.Header("Authorization").ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:p@ss:word")));
    }

    [Fact]
    public async Task CombinationSendsQueryAndCookieKeysTogether()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = CreateClient(server, o => { o.QueryKey = "q k&1"; o.CookieKey = "c-1"; });

        await client.GetBothAsync();

        var request = server.SingleRequest;
        request.Query.ShouldBe("?api_key=q%20k%261");
        request.Header("Cookie").ShouldBe("session=c-1");
    }

    [Fact]
    public async Task CombinationWithAMissingSchemeFailsBeforeSendingAndNamesIt()
    {
        await using var server = await RecordingServer.StartAsync();
        var client = CreateClient(server, o => o.QueryKey = "secret-query-key-7");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => client.GetBothAsync());

        error.Message.ShouldContain("cookieKey");
        error.Message.ShouldNotContain("secret-query-key-7");
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task StaticBearerTokenIsSentAsBearer()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = CreateClient(server, o => o.StaticBearerToken = "static-bearer");

        await client.GetBearerAsync();

        server.SingleRequest.Header("Authorization").ShouldBe("Bearer static-bearer");
    }

    [Fact]
    public async Task ClientCredentialsFlowPostsToTheRelativeTokenUrlOnceAndReusesTheToken()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        server.RespondJsonAt("/oauth2/token", 200, """{"access_token":"cc-token-1","token_type":"Bearer","expires_in":3600}""");
        var client = CreateClient(server, o => { o.ClientCredentialsClientId = "client id"; o.ClientCredentialsClientSecret = "s3cr:t"; o.ClientCredentialsScope = "read"; });

        await client.GetAsMachineAsync();
        await client.GetAsMachineAsync();

        var tokenRequests = server.Requests.Where(r => r.Path == "/oauth2/token").ToList();
        tokenRequests.Count.ShouldBe(1);
        tokenRequests[0].Method.ShouldBe("POST");
        tokenRequests[0].Header("Content-Type").ShouldBe("application/x-www-form-urlencoded");
        tokenRequests[0].BodyText.ShouldBe("grant_type=client_credentials&scope=read");
        tokenRequests[0].Header("Authorization").ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client%20id:s3cr%3At")));
        var calls = server.Requests.Where(r => r.Path == "/v1/machine").ToList();
        calls.Count.ShouldBe(2);
        calls.ShouldAllBe(r => r.Header("Authorization") == "Bearer cc-token-1");
    }

    [Fact]
    public async Task PasswordFlowSendsTheResourceOwnersCredentials()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        server.RespondJsonAt("/oauth2/password-token", 200, """{"access_token":"pw-token","expires_in":"600","refresh_token":"rt-1"}""");
        var client = CreateClient(server, o => { o.PasswordFlowClientId = "app"; o.PasswordFlowUsername = "ana"; o.PasswordFlowPassword = "pa ss&"; });

        await client.GetAsUserAsync();

        server.Requests.Single(r => r.Path == "/oauth2/password-token").BodyText.ShouldBe("grant_type=password&username=ana&password=pa+ss%26");
        server.Requests.Single(r => r.Path == "/v1/user").Header("Authorization").ShouldBe("Bearer pw-token");
    }

    [Fact]
    public async Task OAuth2ErrorFromTheTokenEndpointIsATokenAcquisitionExceptionWithTheErrorCode()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        server.RespondJsonAt("/oauth2/token", 401, """{"error":"invalid_client","error_description":"Bad client credentials"}""");
        var client = CreateClient(server, o => { o.ClientCredentialsClientId = "app"; o.ClientCredentialsClientSecret = "wrong-secret-42"; });

        var error = await Should.ThrowAsync<TokenAcquisitionException>(() => client.GetAsMachineAsync());

        error.StatusCode.ShouldBe(401);
        error.Error.ShouldBe("invalid_client");
        error.ErrorDescription.ShouldBe("Bad client credentials");
        error.SchemeName.ShouldBe("clientCredentials");
        error.InnerException.ShouldBeOfType<ApiException>();
        error.ShouldBeAssignableTo<ApiException>("an ApiException as before");
        error.Message.ShouldContain("invalid_client");
        error.Message.ShouldNotContain("wrong-secret-42");
        server.Requests.ShouldNotContain(r => r.Path == "/v1/machine");
    }

    [Fact]
    public void AbsoluteTokenUrlIsUsedAsIsAndRelativeOneResolvesAgainstTheServer()
    {
        OAuth2TokenClient.ResolveTokenUrl("https://auth.example.test/token", () => throw new InvalidOperationException("not needed"))
            .ShouldBe(new Uri("https://auth.example.test/token"));
        OAuth2TokenClient.ResolveTokenUrl("/v1/oauth2/token", () => new Uri("https://api.example.test/"))
            .ShouldBe(new Uri("https://api.example.test/v1/oauth2/token"));
    }

    [Fact]
    public async Task CredentialsOverPlainHttpToAnotherHostAreRefused()
    {
        var handler = new RecordingHandler("{}", 204);
        var options = new SecuritySchemesClientOptions { BaseAddress = new Uri("http://api.example.test/v1/"), HeaderKey = "plain-http-secret" };
        var client = new SecuritySchemesClient(new System.Net.Http.HttpClient(handler), options);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => client.GetInheritedAsync());

        error.Message.ShouldContain("plain http");
        error.Message.ShouldNotContain("plain-http-secret");
        handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task PlainHttpWithoutCredentialsOrWhenAllowedIsSent()
    {
        var handler = new RecordingHandler("{}", 204);
        var options = new SecuritySchemesClientOptions { BaseAddress = new Uri("http://api.example.test/v1/"), HeaderKey = "k", AllowInsecureHttp = true };
        var client = new SecuritySchemesClient(new System.Net.Http.HttpClient(handler), options);

        await client.GetPublicAsync();
        await client.GetInheritedAsync();

        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task OAuth2SchemeWithOnlyAStaticTokenSendsThatTokenWithoutAFlow()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = CreateClient(server, o => o.ClientCredentialsToken = "static-oauth-token");

        await client.GetAsMachineAsync();

        server.SingleRequest.Header("Authorization").ShouldBe("Bearer static-oauth-token");
    }
}
