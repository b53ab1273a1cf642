using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
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

/// <summary>
/// The per-request authentication path made cheap for performance (formatted header value kept per token, no token
/// stored on the request, requirements resolved once, no snapshot of a bare request) keeps behaving as before: a 401
/// traced back to the token the request carried, one retry with the new token and the request as the caller built it.
/// </summary>
public sealed class RequestAuthenticationPathTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Theory]
    [InlineData(ApiKeyLocation.Header)]
    [InlineData(ApiKeyLocation.Query)]
    [InlineData(ApiKeyLocation.Cookie)]
    public async Task A401IsTracedBackToTheTokenTheRequestCarriesWhereverItGoes(ApiKeyLocation location)
    {
        var source = new TestTokenSource();
        var provider = Providers.Create(source, _clock);
        var authenticator = new TokenAuthenticator("oauth", provider, "access_token", TokenFormat.Raw, location);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/x?a=1");
        request.Headers.TryAddWithoutValidation("Cookie", "session=abc");
        await authenticator.ApplyAsync(request, CancellationToken.None);

        (await authenticator.OnUnauthorizedAsync(request, CancellationToken.None)).ShouldBeTrue();

        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task A401OnARequestWithAnOlderTokenDropsThatTokenIfItIsCachedAgain()
    {
        var cache = new InMemoryTokenCache(_clock);
        var source = new TestTokenSource();
        var provider = Providers.Create(source, _clock, cache);
        var authenticator = new TokenAuthenticator("oauth", provider);
        using var old = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        await authenticator.ApplyAsync(old, CancellationToken.None);
        var token1 = await provider.GetTokenAsync(CancellationToken.None);
        await provider.InvalidateAsync(token1, CancellationToken.None);
        using var current = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        await authenticator.ApplyAsync(current, CancellationToken.None); // token-2 is now the last one applied
        await cache.SetAsync(Providers.Key, token1, CancellationToken.None); // e.g. written back by another process

        (await authenticator.OnUnauthorizedAsync(old, CancellationToken.None)).ShouldBeTrue();

        (await cache.GetAsync(Providers.Key, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A401OnARequestCarryingSomeoneElsesValueDropsNothing()
    {
        var source = new TestTokenSource();
        var provider = Providers.Create(source, _clock);
        var authenticator = new TokenAuthenticator("oauth", provider);
        using var applied = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        await authenticator.ApplyAsync(applied, CancellationToken.None);
        using var other = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        other.Headers.TryAddWithoutValidation("Authorization", "Bearer not-ours");

        await authenticator.OnUnauthorizedAsync(other, CancellationToken.None);

        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-1");
        source.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task ARequirementIsResolvedOnceAndItsResultReused()
    {
        var authorizer = new RequestAuthorizer(new IRequestAuthenticator[]
        {
            new SigningAuthenticator("signature", new AuthenticatorTests.RecordingSigner()),
            new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "X-Api-Key", "k"),
        });
        var security = new[] { new SecurityRequirement("missing"), new SecurityRequirement("signature", "apiKey") };
        using var first = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        using var second = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");

        var a = await authorizer.ApplyAsync(first, security, CancellationToken.None);
        var b = await authorizer.ApplyAsync(second, security, CancellationToken.None);

        b.ShouldBeSameAs(a);
        a.Requirement.ShouldBeSameAs(security[1]);
        a.Authenticators.Select(x => x.SchemeName).ShouldBe(new[] { "apiKey", "signature" });
        second.Headers.GetValues("X-Api-Key").Single().ShouldBe("k");
    }

    [Fact]
    public async Task ManyDistinctRequirementsAllResolveAndAMissingOneStillFails()
    {
        var authorizer = new RequestAuthorizer(new IRequestAuthenticator[] { new BearerAuthenticator("bearer", "t") });
        for (var i = 0; i < 200; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
            var applied = await authorizer.ApplyAsync(request, new[] { new SecurityRequirement("bearer") }, CancellationToken.None);
            applied.Authenticators.Single().SchemeName.ShouldBe("bearer");
            request.Headers.Authorization!.ToString().ShouldBe("Bearer t");
        }

        var missing = new[] { new SecurityRequirement("other") };
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
            (await Should.ThrowAsync<InvalidOperationException>(async () => await authorizer.ApplyAsync(request, missing, CancellationToken.None)))
                .Message.ShouldContain("missing: other");
        }
    }

    [Fact]
    public async Task ABareGetRejectedWith401IsSentOnceMoreWithTheNewTokenAndNothingElse()
    {
        var inner = new RecordingHandler(r => r.Headers.Authorization?.Parameter == "token-1" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);
        var source = new TestTokenSource();
        using var invoker = new HttpMessageInvoker(new AuthenticationHandler(new TokenAuthenticator("oauth", Providers.Create(source, _clock))) { InnerHandler = inner });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/items?page=2") { Version = HttpVersion.Version20 };

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        inner.Seen.Count.ShouldBe(2);
        inner.Seen[1].Request.ShouldNotBeSameAs(request);
        inner.Seen.Select(s => s.Authorization).ShouldBe(new[] { "Bearer token-1", "Bearer token-2" });
        inner.Seen.ShouldAllBe(s => s.Uri == "https://api.example/items?page=2" && s.Method == "GET" && s.Version == HttpVersion.Version20);
        inner.Seen[1].HeaderNames.ShouldBe(new[] { "Authorization" });
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task AGetWithHeadersAndOptionsRejectedWith401KeepsThemOnTheRetry()
    {
        var inner = new RecordingHandler(r => r.Headers.Authorization?.Parameter == "token-1" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);
        var source = new TestTokenSource();
        using var invoker = new HttpMessageInvoker(new AuthenticationHandler(new TokenAuthenticator("oauth", Providers.Create(source, _clock))) { InnerHandler = inner });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/items");
        request.Headers.TryAddWithoutValidation("X-Trace", "t-1");
        AuthRequestOptions.SetOperationId(request, "listItems");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        inner.Seen.Count.ShouldBe(2);
        inner.Seen[1].HeaderNames.OrderBy(n => n, StringComparer.Ordinal).ShouldBe(new[] { "Authorization", "X-Trace" });
        AuthRequestOptions.GetOperationId(inner.Seen[1].Request).ShouldBe("listItems");
        inner.Seen[1].Authorization.ShouldBe("Bearer token-2");
    }

    private sealed record Seen(HttpRequestMessage Request, string Method, string Uri, Version Version, string? Authorization, string[] HeaderNames);

    /// <summary>Records what each request looked like when it was sent, and answers with the chosen status.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, HttpStatusCode> _statusFor;

        public RecordingHandler(Func<HttpRequestMessage, HttpStatusCode> statusFor) => _statusFor = statusFor;

        public List<Seen> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(new Seen(
                request,
                request.Method.Method,
                request.RequestUri!.ToString(),
                request.Version,
                request.Headers.Authorization?.ToString(),
                request.Headers.Select(h => h.Key).ToArray()));
            return Task.FromResult(new HttpResponseMessage(_statusFor(request)));
        }
    }
}
