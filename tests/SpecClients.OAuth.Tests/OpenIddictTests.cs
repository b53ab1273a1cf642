using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthSpecs.NorthwindOauth;
using Shouldly;
using SpecClients.OAuth.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using Xunit;

namespace SpecClients.OAuth.Tests;

/// <summary>
/// The generated client of TestSpecs/northwind-oauth.yaml against OpenIddict: the spec's token URL is on another host,
/// so the options point it at the server; each operation's scopes come from the spec; the resource server validates every
/// token with OpenIddict's validation.
/// </summary>
public sealed class OpenIddictTests
{
    private static (NorthwindOauthClient Client, NorthwindOauthClientAuth Auth) CreateClient(
        AuthorizationServer server,
        Action<NorthwindOauthClientOptions> configure,
        TimeProvider? clock = null)
    {
        var options = new NorthwindOauthClientOptions
        {
            BaseAddress = new Uri(server.Uri, "v2/"),
            NorthwindOauthTokenUrl = server.TokenEndpoint,
            NorthwindUserTokenUrl = server.TokenEndpoint,
        };

        // OpenIddict hashes client secrets (PBKDF2) and the test machine may be busy: a slow answer is not a failure here.
        options.Tokens.TokenRequestTimeout = TimeSpan.FromMinutes(3);
        configure(options);
        var auth = new NorthwindOauthClientAuth(options, () => new System.Net.Http.HttpClient(), new AuthServices(new InMemoryTokenCache(), clock ?? TimeProvider.System));
        return (new NorthwindOauthClient(new System.Net.Http.HttpClient(), options, auth), auth);
    }

    private static void ClientCredentials(NorthwindOauthClientOptions options)
    {
        options.NorthwindOauthClientId = AuthorizationServer.ClientId;
        options.NorthwindOauthClientSecret = AuthorizationServer.ClientSecret;
    }

    [Theory]
    [InlineData(AccessTokenFormat.SignedJwt)]
    [InlineData(AccessTokenFormat.EncryptedJwt)]
    [InlineData(AccessTokenFormat.Reference)]
    public async Task ClientCredentialsTokensForEachOperationsScopesAreAccepted(AccessTokenFormat format)
    {
        await using var server = await AuthorizationServer.StartAsync(format);
        var (client, _) = CreateClient(server, ClientCredentials);

        await client.GetBalancesAsync();
        await client.ListPayoutsAsync();
        await client.GetBalancesAsync();
        await client.ListPayoutsAsync();
        await client.PingAsync();

        server.TokenRequests.Select(r => r.GrantType + " " + r.Scope).ShouldBe(new[]
        {
            "client_credentials balances:read",
            "client_credentials balances:read payouts:write",
        });
        var calls = server.ResourceCalls;
        calls.ShouldAllBe(c => c.Status == 204);
        var balancesTokens = calls.Where(c => c.Path == "/v2/balances").Select(c => c.AccessToken).Distinct().ShouldHaveSingleItem();
        var payoutsTokens = calls.Where(c => c.Path == "/v2/payouts").Select(c => c.AccessToken).Distinct().ShouldHaveSingleItem();
        payoutsTokens.ShouldNotBe(balancesTokens);
        calls.Single(c => c.Path == "/v2/ping").AccessToken.ShouldBeNull();
        var segments = balancesTokens!.Split('.').Length;
        segments.ShouldBe(format switch
        {
            AccessTokenFormat.SignedJwt => 3,
            AccessTokenFormat.EncryptedJwt => 5,
            _ => 1,
        });
    }

    [Fact]
    public async Task ATokenWithoutTheOperationsScopeIsRefusedByTheResourceServer()
    {
        await using var server = await AuthorizationServer.StartAsync(AccessTokenFormat.SignedJwt);
        var (client, _) = CreateClient(server, o => { ClientCredentials(o); o.NorthwindOauthScope = "balances:read"; });

        await client.GetBalancesAsync();
        var refused = await Should.ThrowAsync<ApiException>(() => client.ListPayoutsAsync());

        refused.StatusCode.ShouldBe(403);
        server.TokenRequests.ShouldHaveSingleItem().Scope.ShouldBe("balances:read");
    }

    [Theory]
    [InlineData(OAuth2ClientAuthentication.ClientSecretBasic)]
    [InlineData(OAuth2ClientAuthentication.ClientSecretPost)]
    public async Task BothClientAuthenticationMethodsAreAcceptedWithASecretThatNeedsEncoding(OAuth2ClientAuthentication method)
    {
        await using var server = await AuthorizationServer.StartAsync(AccessTokenFormat.SignedJwt);
        var (client, _) = CreateClient(server, o => { ClientCredentials(o); o.NorthwindOauthClientAuthentication = method; });

        await client.GetBalancesAsync();

        var request = server.TokenRequests.ShouldHaveSingleItem();
        request.BasicAuthorization.ShouldBe(method == OAuth2ClientAuthentication.ClientSecretBasic);
        request.FormClientSecret.ShouldBe(method == OAuth2ClientAuthentication.ClientSecretPost);
        server.ResourceCalls.ShouldHaveSingleItem().Status.ShouldBe(204);
    }

    [Fact]
    public async Task AWrongSecretIsRefusedByTheServerAndNoResourceIsCalled()
    {
        await using var server = await AuthorizationServer.StartAsync(AccessTokenFormat.SignedJwt);
        var (client, _) = CreateClient(server, o => { ClientCredentials(o); o.NorthwindOauthClientSecret = "wrong secret"; });

        var refused = await Should.ThrowAsync<Exception>(() => client.GetBalancesAsync());

        refused.ToString().ShouldContain("invalid_client");
        server.ResourceCalls.ShouldBeEmpty();
    }

    [Fact]
    public async Task PasswordGrantThenRefreshTokenGrantWhenTheTokenIsDue()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await AuthorizationServer.StartAsync(AccessTokenFormat.Reference);
        var (client, _) = CreateClient(
            server,
            o =>
            {
                o.NorthwindUserClientId = AuthorizationServer.ClientId;
                o.NorthwindUserClientSecret = AuthorizationServer.ClientSecret;
                o.NorthwindUserUsername = AuthorizationServer.Username;
                o.NorthwindUserPassword = AuthorizationServer.Password;
            },
            clock);

        await client.GetProfileAsync();
        clock.Advance(TimeSpan.FromMinutes(59)); // OpenIddict's access tokens live an hour
        await client.GetProfileAsync();

        var requests = server.TokenRequests;
        requests.Select(r => r.GrantType).ShouldBe(new[] { "password", "refresh_token" });
        requests[0].Scope.ShouldBe("profile:read");
        requests[1].RefreshToken.ShouldNotBeNullOrEmpty();
        var calls = server.ResourceCalls;
        calls.ShouldAllBe(c => c.Status == 204);
        calls[0].AccessToken.ShouldNotBe(calls[1].AccessToken);
    }

    [Theory]
    [InlineData(AccessTokenFormat.SignedJwt)]
    [InlineData(AccessTokenFormat.Reference)]
    public async Task ARevokedTokenGets401AndExactlyOneRenewal(AccessTokenFormat format)
    {
        await using var server = await AuthorizationServer.StartAsync(format);
        var (client, _) = CreateClient(server, ClientCredentials);
        await client.GetBalancesAsync();
        var first = server.ResourceCalls.Single().AccessToken!;

        await server.RevokeAsync(first);
        await client.GetBalancesAsync();

        server.TokenRequests.Count.ShouldBe(2);
        server.ResourceCalls.Select(c => c.Status).ShouldBe(new[] { 204, 401, 204 });
        server.ResourceCalls[1].AccessToken.ShouldBe(first);
        server.ResourceCalls[2].AccessToken.ShouldNotBe(first);
    }
}
