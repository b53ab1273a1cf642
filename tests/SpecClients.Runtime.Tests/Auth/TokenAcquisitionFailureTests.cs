using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Http;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

/// <summary>
/// Issue 12 point 6: every way a token request fails is one <see cref="TokenAcquisitionException"/> (status, OAuth2
/// error, scheme, the cause inside, no secret in the message), and a failing endpoint is not asked again by every caller.
/// </summary>
public sealed class TokenAcquisitionFailureTests
{
    private const string ClientSecret = "client-secret-5b7e91";
    private const string IssuedToken = "issued-token-a40c";

    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Fact]
    public async Task RefusedOAuth2RequestCarriesStatusOAuth2ErrorAndSchemeButNoSecret()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(401, """{"error":"invalid_client","error_description":"Client authentication failed.","error_uri":"https://idp.example/errors"}""");
        var provider = OAuth2Provider(server.CreateHttpClient(), new Uri(server.Uri, "oauth/token"));

        var error = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        error.StatusCode.ShouldBe(401);
        error.Error.ShouldBe("invalid_client");
        error.ErrorDescription.ShouldBe("Client authentication failed.");
        error.ErrorUri.ShouldBe("https://idp.example/errors");
        error.SchemeName.ShouldBe("oauth");
        error.ApiName.ShouldBe("Test API");
        error.OperationId.ShouldBe("oauth2.token");
        error.RetryNotBefore.ShouldBeNull();
        error.InnerException.ShouldBeOfType<ApiException>().StatusCode.ShouldBe(401);
        error.Message.ShouldContain("'oauth'");
        error.Message.ShouldContain("invalid_client");
        error.ShouldBeAssignableTo<ApiException>("code that caught the ApiException of a refused token request still does");
        AssertNoSecret(error, server.SingleRequest.Authorization!);
    }

    [Fact]
    public async Task AnErrorMemberThatIsNoErrorCodeStaysOutOfEveryMessage()
    {
        const string echoed = "bad secret client-secret-5b7e91 for client-1";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(400, "{\"error\":\"" + echoed + "\"}");
        var provider = OAuth2Provider(server.CreateHttpClient(), new Uri(server.Uri, "oauth/token"));

        var error = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        error.Error.ShouldBe(echoed);
        error.Message.ShouldNotContain("bad secret");
        error.InnerException!.Message.ShouldNotContain("bad secret");
    }

    [Fact]
    public async Task RefusedConnectionIsATokenAcquisitionExceptionAroundTheHttpRequestException()
    {
        var closedPort = ClosedLoopbackPort();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        var provider = OAuth2Provider(http, new Uri($"http://127.0.0.1:{closedPort}/oauth/token"));

        var error = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        error.InnerException.ShouldBeOfType<HttpRequestException>();
        error.StatusCode.ShouldBe(0);
        error.Error.ShouldBeNull();
        error.SchemeName.ShouldBe("oauth");
        AssertNoSecret(error);
    }

    [Fact]
    public async Task SilentEndpointIsATokenAcquisitionExceptionAroundATimeout()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(200, "application/json", "{}", ResponseHold.BeforeHeaders);
        var options = new TokenProviderOptions { TokenRequestTimeout = TimeSpan.FromSeconds(5) };
        var provider = OAuth2Provider(server.CreateHttpClient(), new Uri(server.Uri, "oauth/token"), options);

        var waiting = provider.GetTokenAsync(CancellationToken.None).AsTask();
        await server.FirstRequest.Within10s();
        _clock.Advance(options.TokenRequestTimeout);

        var error = await Should.ThrowAsync<TokenAcquisitionException>(waiting.Within10s());
        error.InnerException.ShouldBeOfType<TimeoutException>();
        error.StatusCode.ShouldBe(0);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task HttpClientTimeoutIsATokenAcquisitionExceptionAroundATimeout()
    {
        var source = new TestTokenSource((_, _, _) => throw new TaskCanceledException("HttpClient gave up", new TimeoutException("HttpClient.Timeout of 1 s elapsed")));
        var provider = Create(source);

        var error = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        error.InnerException.ShouldBeOfType<TimeoutException>();
    }

    [Fact]
    public async Task SuccessWithoutATokenStaysATokenResponseExceptionNamingTheScheme()
    {
        var response = new { Status = "9", Message = "rejected" };
        var source = new DelegateTokenSource((context, _) => new ValueTask<AccessToken>(
            TokenResponseValues.CreateToken("Test API", "createToken", "/token", context, token: null, null, null, null, response)));
        var provider = Create(source);

        var error = await Should.ThrowAsync<TokenResponseException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        error.SchemeName.ShouldBe("oauth");
        error.OperationId.ShouldBe("createToken");
        error.Response.ShouldBeSameAs(response);
        error.ShouldBeAssignableTo<TokenAcquisitionException>();
    }

    [Fact]
    public async Task RefusedTokenOperationKeepsItsTypedErrorInsideAndReadsTheOAuth2Error()
    {
        var refused = new ApiException<string>("Test API", "createToken", 400, """{"error":"invalid_grant"}""", "typed error body");
        var provider = Create(new TestTokenSource((_, _, _) => throw refused));

        var error = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        error.InnerException.ShouldBeSameAs(refused);
        error.StatusCode.ShouldBe(400);
        error.OperationId.ShouldBe("createToken");
        error.Error.ShouldBe("invalid_grant");
        error.ResponseBody.ShouldBe("""{"error":"invalid_grant"}""");
    }

    [Fact]
    public async Task CallersWithinTheBackoffFailFastWithoutARequest()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(400, """{"error":"invalid_client"}""");
        var provider = OAuth2Provider(server.CreateHttpClient(), new Uri(server.Uri, "oauth/token"));
        var first = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        var fast = new TokenAcquisitionException[10];
        for (var i = 0; i < fast.Length; i++)
        {
            fast[i] = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));
        }

        server.Requests.Count.ShouldBe(1);
        fast.ShouldAllBe(e => e.StatusCode == 400 && e.Error == "invalid_client" && e.SchemeName == "oauth");
        fast.ShouldAllBe(e => e.RetryNotBefore == TestClock.Start + new TokenProviderOptions().FailureBackoff);
        fast.ShouldAllBe(e => ReferenceEquals(e.InnerException, first.InnerException));
        fast[0].Message.ShouldStartWith(first.Message);
        AssertNoSecret(fast[0], server.SingleRequest.Authorization!);
    }

    [Fact]
    public async Task BackoffDoublesWithEachFailureUpToItsMaximumAndEndsOnSuccess()
    {
        var failing = true;
        var source = new TestTokenSource((c, n, _) => failing
            ? throw new InvalidOperationException("down " + n)
            : new ValueTask<AccessToken>(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddMinutes(10))));
        var options = new TokenProviderOptions { FailureBackoff = TimeSpan.FromSeconds(1), MaximumFailureBackoff = TimeSpan.FromSeconds(5) };
        var provider = Create(source, options);

        var windows = new TimeSpan[5];
        for (var i = 0; i < windows.Length; i++)
        {
            await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));
            var fast = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));
            windows[i] = fast.RetryNotBefore!.Value - _clock.GetUtcNow();
            _clock.Advance(windows[i]);
        }

        windows.ShouldBe(new[] { 1, 2, 4, 5, 5 }.Select(s => TimeSpan.FromSeconds(s)).ToArray());
        source.Calls.ShouldBe(5);

        failing = false;
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-6");
        await provider.InvalidateAsync((await provider.GetTokenAsync(CancellationToken.None)), CancellationToken.None);
        failing = true;
        await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));
        (await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None)))
            .RetryNotBefore.ShouldBe(_clock.GetUtcNow() + TimeSpan.FromSeconds(1), "a success starts the back-off over");
    }

    [Theory]
    [InlineData(20, 20)]
    [InlineData(3600, 30)]
    public async Task RetryAfterOfTheFailedResponseLengthensTheBackoffUpToItsMaximum(int retryAfterSeconds, int windowSeconds)
    {
        var provider = Create(new TestTokenSource((_, _, _) =>
            throw new ApiException("Test API", "createToken", 429, null) { RetryAfter = TimeSpan.FromSeconds(retryAfterSeconds) }));
        var first = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        var fast = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        first.RetryAfter.ShouldBe(TimeSpan.FromSeconds(retryAfterSeconds));
        fast.RetryNotBefore.ShouldBe(_clock.GetUtcNow() + TimeSpan.FromSeconds(windowSeconds));
    }

    [Fact]
    public async Task CallerCancellationIsAnOperationCanceledExceptionEvenWithinTheBackoff()
    {
        var provider = Create(new TestTokenSource((_, _, _) => throw new InvalidOperationException("down")));
        await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var error = await Should.ThrowAsync<OperationCanceledException>(async () => await provider.GetTokenAsync(cancelled.Token));

        error.ShouldNotBeAssignableTo<TokenAcquisitionException>();
    }

    [Fact]
    public async Task A401RenewalIsNotHeldBackByTheBackoffOfAnEarlierFailure()
    {
        var failing = true;
        var source = new TestTokenSource((c, n, _) => failing
            ? throw new InvalidOperationException("down")
            : new ValueTask<AccessToken>(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1))));
        var provider = Create(source);
        await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));
        _clock.Advance(new TokenProviderOptions().FailureBackoff);
        failing = false;
        var rejected = await provider.GetTokenAsync(CancellationToken.None);

        await provider.InvalidateAsync(rejected, CancellationToken.None);

        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-3");
    }

    [Fact]
    public void BackoffOptionsAreValidated()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new TokenProviderOptions { FailureBackoff = TimeSpan.FromSeconds(-1) }.Validate());
        Should.Throw<ArgumentOutOfRangeException>(() => new TokenProviderOptions { MaximumFailureBackoff = TimeSpan.FromSeconds(1) }.Validate());
        new TokenProviderOptions { FailureBackoff = TimeSpan.Zero, MaximumFailureBackoff = TimeSpan.Zero }.Validate();
    }

    private TokenProvider Create(ITokenSource source, TokenProviderOptions? options = null) =>
        new AuthServices(new InMemoryTokenCache(_clock), _clock).CreateProvider("Test API", "oauth", source, options ?? new TokenProviderOptions(), "client-1");

    private TokenProvider OAuth2Provider(HttpClient http, Uri tokenUrl, TokenProviderOptions? options = null)
    {
        var tokens = new OAuth2TokenClient(http, "Test API", tokenUrl);
        return Create(
            new DelegateTokenSource((context, ct) => tokens.RequestAsync(context, OAuth2Grant.ClientCredentials, "client-1", ClientSecret, "read", null, null, ct)),
            options);
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void AssertNoSecret(Exception error, params string[] more)
    {
        var message = error.Message;
        foreach (var secret in new[] { ClientSecret, IssuedToken }.Concat(more))
        {
            message.ShouldNotContain(secret);
        }

        error.ToString().ShouldNotContain(ClientSecret);
    }
}
