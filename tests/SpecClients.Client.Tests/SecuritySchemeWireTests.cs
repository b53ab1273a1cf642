using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        tokenRequests[0].Header("Authorization").ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client+id:s3cr%3At")));
        var calls = server.Requests.Where(r => r.Path == "/v1/machine").ToList();
        calls.Count.ShouldBe(2);
        calls.ShouldAllBe(r => r.Header("Authorization") == "Bearer cc-token-1");
    }

    [Fact]
    public async Task EachOperationGetsATokenForTheScopesItsRequirementListsAndNeverANarrowerOne()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        server.RespondJsonAt("/oauth2/token", 200, """{"access_token":"read-token","expires_in":3600}""");
        var client = CreateClient(server, o => { o.ClientCredentialsClientId = "app"; o.ClientCredentialsClientSecret = "s"; });

        await client.GetAsMachineAsync();
        server.RespondJsonAt("/oauth2/token", 200, """{"access_token":"reports-token","expires_in":3600}""");
        await client.GetReportsAsync();
        await client.GetAsMachineAsync();
        await client.GetReportsAsync();

        server.Requests.Where(r => r.Path == "/oauth2/token").Select(r => r.BodyText).ShouldBe(new[]
        {
            "grant_type=client_credentials&scope=read",
            "grant_type=client_credentials&scope=admin+read+reports%3Aread",
        });
        server.Requests.Where(r => r.Path == "/v1/machine").ShouldAllBe(r => r.Header("Authorization") == "Bearer read-token");
        server.Requests.Where(r => r.Path == "/v1/reports").ShouldAllBe(r => r.Header("Authorization") == "Bearer reports-token");
    }

    [Fact]
    public async Task AScopeSetInTheOptionsWinsAndOneTokenServesEveryOperation()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        server.RespondJsonAt("/oauth2/token", 200, """{"access_token":"chosen-token","expires_in":3600}""");
        var client = CreateClient(server, o => { o.ClientCredentialsClientId = "app"; o.ClientCredentialsClientSecret = "s"; o.ClientCredentialsScope = "everything"; });

        await client.GetAsMachineAsync();
        await client.GetReportsAsync();

        server.Requests.Single(r => r.Path == "/oauth2/token").BodyText.ShouldBe("grant_type=client_credentials&scope=everything");
        server.Requests.Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)).ShouldAllBe(r => r.Header("Authorization") == "Bearer chosen-token");
    }

    [Fact]
    public async Task ClientSecretBasicFormEncodesIdAndSecretBeforeBase64()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        server.RespondJsonAt("/oauth2/token", 200, """{"access_token":"t","expires_in":3600}""");
        var client = CreateClient(server, o => { o.ClientCredentialsClientId = "my app"; o.ClientCredentialsClientSecret = "a:b+c%d e"; });

        await client.GetAsMachineAsync();

        // RFC 6749 §2.3.1 and Appendix B: application/x-www-form-urlencoded, so ':' '+' '%' are escaped and a space is '+'.
        var token = server.Requests.Single(r => r.Path == "/oauth2/token");
        token.Header("Authorization").ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("my+app:a%3Ab%2Bc%25d+e")));
        token.BodyText.ShouldBe("grant_type=client_credentials&scope=read");
    }

    [Fact]
    public async Task ClientSecretPostSendsTheClientCredentialsInTheFormAndNoAuthorizationHeader()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        server.RespondJsonAt("/oauth2/token", 200, """{"access_token":"t","expires_in":3600}""");
        var client = CreateClient(server, o =>
        {
            o.ClientCredentialsClientId = "my app";
            o.ClientCredentialsClientSecret = "a:b+c%d e";
            o.ClientCredentialsClientAuthentication = OAuth2ClientAuthentication.ClientSecretPost;
        });

        await client.GetAsMachineAsync();

        var token = server.Requests.Single(r => r.Path == "/oauth2/token");
        token.Header("Authorization").ShouldBeNull();
        token.BodyText.ShouldBe("grant_type=client_credentials&scope=read&client_id=my+app&client_secret=a%3Ab%2Bc%25d+e");
    }

    [Fact]
    public async Task TokenUrlOptionSendsTokenRequestsToAnotherServer()
    {
        await using var api = await RecordingServer.StartAsync();
        await using var authorization = await RecordingServer.StartAsync();
        api.Respond(204, null, string.Empty);
        authorization.RespondJsonAt("/connect/token", 200, """{"access_token":"idp-token","expires_in":3600}""");
        var client = CreateClient(api, o =>
        {
            o.ClientCredentialsClientId = "app";
            o.ClientCredentialsClientSecret = "s";
            o.ClientCredentialsTokenUrl = new Uri(authorization.Uri, "connect/token");
        });

        await client.GetAsMachineAsync();

        authorization.SingleRequest.Path.ShouldBe("/connect/token");
        api.SingleRequest.Path.ShouldBe("/v1/machine");
        api.SingleRequest.Header("Authorization").ShouldBe("Bearer idp-token");
    }

    [Fact]
    public async Task TokenUrlAndClientAuthenticationBindFromConfiguration()
    {
        await using var api = await RecordingServer.StartAsync();
        await using var authorization = await RecordingServer.StartAsync();
        api.Respond(204, null, string.Empty);
        authorization.RespondJsonAt("/tenant-7/token", 200, """{"access_token":"bound-token","expires_in":3600}""");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecuritySchemes:BaseAddress"] = new Uri(api.Uri, "v1/").AbsoluteUri,
            ["SecuritySchemes:ClientCredentialsClientId"] = "bound-app",
            ["SecuritySchemes:ClientCredentialsClientSecret"] = "bound-secret",
            ["SecuritySchemes:ClientCredentialsTokenUrl"] = new Uri(authorization.Uri, "tenant-7/token").AbsoluteUri,
            ["SecuritySchemes:ClientCredentialsClientAuthentication"] = "ClientSecretPost",
        }).Build();
        var services = new ServiceCollection();
        services.Configure<SecuritySchemesClientOptions>(configuration.GetSection("SecuritySchemes"));
        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<SecuritySchemesClientOptions>>().Value;
        var client = new SecuritySchemesClient(api.CreateHttpClient(), options, new SecuritySchemesClientAuth(options, authorization.CreateHttpClient, new AuthServices(new InMemoryTokenCache(), TimeProvider.System)));

        await client.GetAsMachineAsync();

        authorization.SingleRequest.BodyText.ShouldBe("grant_type=client_credentials&scope=read&client_id=bound-app&client_secret=bound-secret");
        api.SingleRequest.Header("Authorization").ShouldBe("Bearer bound-token");
    }

    [Fact]
    public async Task RefreshGrantsGoToTheFlowsRefreshUrl()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        server.RespondJsonAt("/oauth2/password-token", 200, """{"access_token":"pw-token","expires_in":600,"refresh_token":"rt-1"}""");
        server.RespondJsonAt("/oauth2/refresh", 200, """{"access_token":"refreshed-token","expires_in":600}""");
        var options = new SecuritySchemesClientOptions
        {
            BaseAddress = new Uri(server.Uri, "v1/"),
            PasswordFlowClientId = "app",
            PasswordFlowUsername = "ana",
            PasswordFlowPassword = "pw",
        };
        var client = new SecuritySchemesClient(server.CreateHttpClient(), options, new SecuritySchemesClientAuth(options, server.CreateHttpClient, new AuthServices(new InMemoryTokenCache(), clock)));

        await client.GetAsUserAsync();
        clock.Advance(TimeSpan.FromMinutes(9));
        await client.GetAsUserAsync();

        server.Requests.Single(r => r.Path == "/oauth2/refresh").BodyText.ShouldBe("grant_type=refresh_token&refresh_token=rt-1");
        server.Requests.Where(r => r.Path == "/v1/user").Select(r => r.Header("Authorization")).ShouldBe(new[] { "Bearer pw-token", "Bearer refreshed-token" });
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
