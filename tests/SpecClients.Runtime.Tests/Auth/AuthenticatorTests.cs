using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

public sealed class AuthenticatorTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Fact]
    public async Task ApiKeyInHeaderReplacesAnyValueAndAddsThePrefix()
    {
        var authenticator = new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "X-Api-Key", "k-123", "Token ");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/pets");
        request.Headers.TryAddWithoutValidation("X-Api-Key", "old");

        await authenticator.ApplyAsync(request, CancellationToken.None);

        request.Headers.GetValues("X-Api-Key").ShouldBe(new[] { "Token k-123" });
    }

    [Fact]
    public async Task ApiKeyInQueryIsEscapedAndAppendedBeforeTheFragment()
    {
        var authenticator = new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Query, "api key", "a&b=c/d");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/pets?limit=5#top");

        await authenticator.ApplyAsync(request, CancellationToken.None);

        request.RequestUri!.OriginalString.ShouldBe("https://api.example/pets?limit=5&api%20key=a%26b%3Dc%2Fd#top");
    }

    [Fact]
    public async Task ApiKeyInQueryWorksOnARelativeUri()
    {
        var authenticator = new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Query, "key", "v");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("pets", UriKind.Relative));

        await authenticator.ApplyAsync(request, CancellationToken.None);

        request.RequestUri!.OriginalString.ShouldBe("pets?key=v");
        request.RequestUri.IsAbsoluteUri.ShouldBeFalse();
    }

    [Fact]
    public async Task ApiKeyInCookieJoinsExistingCookies()
    {
        var authenticator = new ApiKeyAuthenticator("session", ApiKeyLocation.Cookie, "SESSION", "abc123");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        request.Headers.TryAddWithoutValidation("Cookie", "theme=dark");

        await authenticator.ApplyAsync(request, CancellationToken.None);

        request.Headers.GetValues("Cookie").ShouldBe(new[] { "theme=dark; SESSION=abc123" });
    }

    [Fact]
    public void ApiKeyThatCannotTravelWhereItGoesIsRejected()
    {
        Should.Throw<ArgumentException>(() => new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "X-Key", "line\r\nbreak"));
        Should.Throw<ArgumentException>(() => new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Cookie, "k", "semi;colon"));
        Should.Throw<ArgumentException>(() => new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "Bad Name", "v"));
    }

    [Fact]
    public async Task BasicEncodesUserAndPasswordAsUtf8()
    {
        var authenticator = new BasicAuthenticator("basicAuth", "j\u00fcrgen", "p\u00e4ss:word");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");

        await authenticator.ApplyAsync(request, CancellationToken.None);

        request.Headers.Authorization!.Scheme.ShouldBe("Basic");
        Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)).ShouldBe("j\u00fcrgen:p\u00e4ss:word");
    }

    [Fact]
    public void BasicRejectsAUserNameWithAColon() =>
        Should.Throw<ArgumentException>(() => new BasicAuthenticator("basicAuth", "a:b", "pw"));

    [Fact]
    public async Task BearerSendsTheTokenOnceEvenWhenItAlreadyCarriesTheScheme()
    {
        using var plain = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        using var prefixed = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");

        await new BearerAuthenticator("bearer", "abc").ApplyAsync(plain, CancellationToken.None);
        await new BearerAuthenticator("bearer", "Bearer abc").ApplyAsync(prefixed, CancellationToken.None);

        plain.Headers.GetValues("Authorization").Single().ShouldBe("Bearer abc");
        prefixed.Headers.GetValues("Authorization").Single().ShouldBe("Bearer abc");
    }

    [Fact]
    public async Task StaticCredentialsNeverAskForARetry()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");

        (await new ApiKeyAuthenticator("k", ApiKeyLocation.Header, "X-Key", "v").OnUnauthorizedAsync(request, CancellationToken.None)).ShouldBeFalse();
        (await new BasicAuthenticator("b", "u", "p").OnUnauthorizedAsync(request, CancellationToken.None)).ShouldBeFalse();
        (await new BearerAuthenticator("t", "x").OnUnauthorizedAsync(request, CancellationToken.None)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("abc", "JWT abc")]
    [InlineData("JWT abc", "JWT abc")]
    [InlineData("jwt abc", "jwt abc")]
    public void PrefixUnlessPresentAddsThePrefixOnlyWhenMissing(string token, string expected) =>
        TokenFormat.PrefixUnlessPresent("JWT ").Apply(token).ShouldBe(expected);

    [Fact]
    public void TokenFormatsWriteTheTokenAsConfigured()
    {
        TokenFormat.Raw.Apply("abc").ShouldBe("abc");
        TokenFormat.Prefix("Token ").Apply("Token abc").ShouldBe("Token Token abc");
        TokenFormat.Template("Bearer {0}").Apply("abc").ShouldBe("Bearer abc");
        Should.Throw<ArgumentException>(() => TokenFormat.Template("no placeholder"));
    }

    [Fact]
    public async Task TokenAuthenticatorWritesTheProviderTokenIntoTheConfiguredHeader()
    {
        var provider = Providers.Create(new TestTokenSource(), _clock);
        var authenticator = new TokenAuthenticator("faspayToken", provider, "x-token", TokenFormat.Raw);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example/pay");

        await authenticator.ApplyAsync(request, CancellationToken.None);

        request.Headers.GetValues("x-token").Single().ShouldBe("token-1");
        request.Headers.Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task TokenAuthenticatorInvalidatesExactlyTheTokenItPutOnTheRejectedRequest()
    {
        var source = new TestTokenSource();
        var provider = Providers.Create(source, _clock);
        var authenticator = new TokenAuthenticator("oauth", provider);
        using var old = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        await authenticator.ApplyAsync(old, CancellationToken.None);
        await provider.InvalidateAsync(await provider.GetTokenAsync(CancellationToken.None), CancellationToken.None);
        using var current = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        await authenticator.ApplyAsync(current, CancellationToken.None);
        current.Headers.Authorization!.Parameter.ShouldBe("token-2");

        (await authenticator.OnUnauthorizedAsync(old, CancellationToken.None)).ShouldBeTrue();
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2"); // the old 401 did not drop token-2

        (await authenticator.OnUnauthorizedAsync(current, CancellationToken.None)).ShouldBeTrue();
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-3");
        source.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task TokenAuthenticatorDoesNotAskForARetryForARequestItDidNotAuthenticate()
    {
        var provider = Providers.Create(new TestTokenSource(), _clock);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");

        (await new TokenAuthenticator("oauth", provider).OnUnauthorizedAsync(request, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task SigningAuthenticatorGivesTheSignerTokenOperationAndClock()
    {
        var provider = Providers.Create(new TestTokenSource(), _clock);
        var signer = new RecordingSigner();
        var authenticator = new SigningAuthenticator("signature", signer, provider, _clock);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example/pay") { Content = new StringContent("{\"amount\":1}") };
        AuthRequestOptions.SetOperationId(request, "createPayment");

        await authenticator.ApplyAsync(request, CancellationToken.None);

        signer.Seen.ShouldNotBeNull();
        signer.Seen.AccessToken.ShouldBe("token-1");
        signer.Seen.OperationId.ShouldBe("createPayment");
        signer.Seen.Clock.ShouldBeSameAs(_clock);
        request.Headers.GetValues("signature").Single().ShouldBe("sig(token-1|{\"amount\":1})");
        (await authenticator.OnUnauthorizedAsync(request, CancellationToken.None)).ShouldBeTrue();
    }

    internal sealed class RecordingSigner : IRequestSigner
    {
        public RequestSigningContext? Seen { get; private set; }

        public string[] HeadersPresent { get; private set; } = Array.Empty<string>();

        public async ValueTask SignAsync(RequestSigningContext context, CancellationToken cancellationToken)
        {
            Seen = context;
            HeadersPresent = context.Request.Headers.Select(h => h.Key).ToArray();
            var body = context.Request.Content is null ? string.Empty : await context.Request.Content.ReadAsStringAsync(cancellationToken);
            context.Request.Headers.TryAddWithoutValidation("signature", "sig(" + context.AccessToken + "|" + body + ")");
        }
    }
}
