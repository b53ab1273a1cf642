using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Http;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Http;

/// <summary>
/// Issue 17 at the runtime's own entry points: <see cref="AuthenticationHandler"/> on a user's HttpClient and
/// <see cref="OAuth2TokenClient"/>, against real Kestrel servers (a second one records what reaches another origin),
/// plus the cases a loopback http server cannot show: https to http, and a handler that follows redirects by itself.
/// </summary>
public sealed class RedirectTests
{
    private const string Bearer = "bearer-secret-0c1d";
    private const string ClientSecret = "client-secret-77e2";

    /// <summary>Every status .NET and browsers follow, besides 300.</summary>
    public static TheoryData<int> RedirectStatuses => new() { 301, 302, 303, 307, 308 };

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task AuthenticationHandlerRefusesARedirectToAnotherOriginAndSendsNothingThere(int status)
    {
        await using var second = await RecordingServer.StartAsync(_ => 200);
        await using var first = await RecordingServer.StartAsync(_ => status, _ => new Uri(second.Uri, "collect"));
        using var client = new HttpClient(new AuthenticationHandler(new BearerAuthenticator("bearer", Bearer)) { InnerHandler = new HttpClientHandler() });

        var refused = await Should.ThrowAsync<RedirectRefusedException>(() => client.PostAsync(new Uri(first.Uri, "pay"), new StringContent("{\"amount\":1}")));

        second.Requests.ShouldBeEmpty();
        first.Requests.Count.ShouldBe(1);
        refused.StatusCode.ShouldBe(status);
        refused.From.ShouldBe(new Uri(first.Uri.GetLeftPart(UriPartial.Authority) + "/"));
        refused.To.ShouldBe(new Uri(second.Uri.GetLeftPart(UriPartial.Authority) + "/"));
        refused.ToString().ShouldNotContain(Bearer);
        refused.Message.ShouldNotContain("collect", Case.Sensitive, "only origins are named, never a path or query");
    }

    [Theory]
    [InlineData(301, "GET", false)]
    [InlineData(302, "GET", false)]
    [InlineData(303, "GET", false)]
    [InlineData(307, "POST", true)]
    [InlineData(308, "POST", true)]
    public async Task AuthenticationHandlerFollowsASameOriginRedirectWithTheCredentialAppliedAgain(int status, string method, bool keepsBody)
    {
        await using var server = await RecordingServer.StartAsync(
            r => r.PathAndQuery == "/old" ? status : 200,
            r => r.PathAndQuery == "/old" ? new Uri("/new", UriKind.Relative) : null);
        using var client = new HttpClient(new AuthenticationHandler(new BearerAuthenticator("bearer", Bearer)) { InnerHandler = new HttpClientHandler() });
        var body = Encoding.UTF8.GetBytes("{\"amount\":1}");

        using var response = await client.PostAsync(new Uri(server.Uri, "old"), new ByteArrayContent(body));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.Count.ShouldBe(2);
        var landed = server.Requests[1];
        landed.PathAndQuery.ShouldBe("/new");
        landed.Method.ShouldBe(method);
        landed.Authorization.ShouldBe("Bearer " + Bearer);
        landed.Body.ShouldBe(keepsBody ? body : Array.Empty<byte>());
    }

    [Fact]
    public async Task AuthenticationHandlerRefusesToAuthenticateThroughAStartedHandlerThatFollowsRedirects()
    {
        await using var server = await RecordingServer.StartAsync(_ => 200);
        using var primary = new HttpClientHandler();
        using (var warm = new HttpClient(primary, disposeHandler: false))
        {
            // Once a handler has sent a request its settings are frozen: AllowAutoRedirect can no longer be turned off.
            (await warm.GetAsync(server.Uri)).Dispose();
        }

        using var client = new HttpClient(new AuthenticationHandler(new BearerAuthenticator("bearer", Bearer)) { InnerHandler = primary }, disposeHandler: false);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => client.GetAsync(new Uri(server.Uri, "account")));

        error.Message.ShouldContain("AllowAutoRedirect");
        server.Requests.Count.ShouldBe(1, "the authenticated request was never sent");
    }

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task AuthenticationHandlerRefusesARedirectFromHttpsToHttpOnTheSameHost(int status)
    {
        var inner = new ScriptedHandler(request => Redirect(status, new Uri("http://api.example.test/v1/pay")));
        using var client = new HttpClient(new AuthenticationHandler(new BearerAuthenticator("bearer", Bearer)) { InnerHandler = inner });

        var refused = await Should.ThrowAsync<RedirectRefusedException>(() => client.PostAsync("https://api.example.test/v1/pay", new StringContent("{}")));

        inner.Sent.ShouldBe(1);
        refused.From.ShouldBe(new Uri("https://api.example.test:443/"));
        refused.To.ShouldBe(new Uri("http://api.example.test:80/"));
    }

    [Fact]
    public async Task AResponseFromAnotherOriginReachedByAnUnknownHandlerIsDiscarded()
    {
        // A primary handler SpecClients does not know, which follows a redirect by itself before anyone sees it.
        var inner = new ScriptedHandler(request =>
        {
            request.RequestUri = new Uri("https://elsewhere.example.test/token");
            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent("{\"access_token\":\"stolen\"}") };
        });
        using var http = new HttpClient(inner);
        var tokens = new OAuth2TokenClient(http, "Test", new Uri("https://auth.example.test/token"));

        var refused = await Should.ThrowAsync<RedirectRefusedException>(() => tokens.RequestAsync(new TokenRequestContext(), OAuth2Grant.ClientCredentials, "client", ClientSecret, null, null, null, CancellationToken.None).AsTask());

        refused.FollowedByHandler.ShouldBeTrue();
        refused.To.ShouldBe(new Uri("https://elsewhere.example.test:443/"));
        refused.ToString().ShouldNotContain("stolen");
    }

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task TokenRequestIsNeverRedirectedToAnotherOrigin(int status)
    {
        await using var second = await RecordingServer.StartAsync(_ => 200);
        await using var first = await RecordingServer.StartAsync(_ => status, _ => new Uri(second.Uri, "token"));
        using var http = new HttpClient();
        var tokens = new OAuth2TokenClient(http, "Test", new Uri(first.Uri, "token"));

        var refused = await Should.ThrowAsync<RedirectRefusedException>(() => tokens.RequestAsync(new TokenRequestContext(), OAuth2Grant.Password, "client", ClientSecret, null, "owner", "owner-password", CancellationToken.None).AsTask());

        second.Requests.ShouldBeEmpty();
        first.Requests.Count.ShouldBe(1);
        refused.OperationId.ShouldBe("oauth2.token");
        refused.ToString().ShouldNotContain(ClientSecret);
        refused.ToString().ShouldNotContain("owner-password");
    }

    [Fact]
    public async Task TokenRequestFollowsASameOrigin307WithItsBody()
    {
        await using var server = await RecordingServer.StartAsync(
            r => r.PathAndQuery == "/token" ? 307 : 200,
            r => r.PathAndQuery == "/token" ? new Uri("/v2/token", UriKind.Relative) : null);
        using var http = new HttpClient();
        var tokens = new OAuth2TokenClient(http, "Test", new Uri(server.Uri, "token"));

        // The server answers the second request with plain text, not a token: the request reached it, which is the point.
        await Should.ThrowAsync<ApiResponseFormatException>(() => tokens.RequestAsync(new TokenRequestContext(), OAuth2Grant.ClientCredentials, "client", ClientSecret, null, null, null, CancellationToken.None).AsTask());

        server.Requests.Count.ShouldBe(2);
        server.Requests[1].PathAndQuery.ShouldBe("/v2/token");
        server.Requests[1].Method.ShouldBe("POST");
        Encoding.UTF8.GetString(server.Requests[1].Body).ShouldBe("grant_type=client_credentials");
        server.Requests[1].Authorization.ShouldStartWith("Basic ");
    }

    [Fact]
    public void RegistrationTurnsOffRedirectsAlsoOnAPrimaryHandlerConfiguredAfterIt()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("api")
            .WithoutAutomaticRedirects()
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = true });
        using var provider = services.BuildServiceProvider();

        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("api");
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        handler.ShouldBeOfType<HttpClientHandler>().AllowAutoRedirect.ShouldBeFalse();
    }

    private static HttpResponseMessage Redirect(int status, Uri location)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.Location = location;
        return response;
    }

    /// <summary>An in-memory primary handler that answers each request with what <c>answer</c> returns.</summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public int Sent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent++;
            var response = answer(request);
            response.RequestMessage ??= request;
            return Task.FromResult(response);
        }
    }
}
