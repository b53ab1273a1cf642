using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

/// <summary>Drives every path that logs, throws or describes itself, and looks for the secrets in what came out.</summary>
public sealed class SecretsScanTests
{
    private const string AccessSecret = "AT-5ecr3t-ACCESS-8c1f2e9d7a";
    private const string RefreshSecret = "RT-5ecr3t-REFRESH-4b7d0e";
    private const string ApiKeySecret = "AK-5ecr3t-APIKEY-91aa";
    private const string PasswordSecret = "PW-5ecr3t-PASSWORD-77c3";
    private const string BearerSecret = "BT-5ecr3t-BEARER-e02f";
    private const string ClientSecret = "CS-5ecr3t-CLIENT-3d9b";
    private const string ShortSecret = "5hort-s3c";

    private static readonly string[] Secrets = { AccessSecret, RefreshSecret, ApiKeySecret, PasswordSecret, BearerSecret, ClientSecret, ShortSecret };

    private readonly FakeTimeProvider _clock = TestClock.Create();
    private readonly FakeLogCollector _logs = new();
    private readonly List<string> _seen = new();

    [Fact]
    public async Task NoSecretAppearsInLogsExceptionsOrToString()
    {
        await DriveTokenLifecycleAsync();
        DescribeAuthenticators();
        await CollectConfigurationErrorsAsync();

        // The scan means something only if the interesting events were logged.
        var logged = _logs.GetSnapshot().Select(e => e.Id.Id).ToHashSet();
        foreach (var id in new[]
        {
            EventIds.TokenRequested, EventIds.TokenAcquired, EventIds.TokenCacheHit, EventIds.TokenRefreshFailed,
            EventIds.TokenRequestFailed, EventIds.TokenInvalidated, EventIds.TokenInvalidationSkipped,
            EventIds.TokenExpiryClamped, EventIds.TokenAlreadyExpired, EventIds.TokenCacheFailed, EventIds.TokenRefreshed,
        })
        {
            logged.ShouldContain(id.Id, "event " + id.Name + " was not logged");
        }

        var everything = _logs.GetSnapshot().Select(e => e.AllText()).Concat(_seen).ToList();
        everything.Count.ShouldBeGreaterThan(30);
        foreach (var secret in Secrets)
        {
            var leaks = everything.Where(text => text.Contains(secret, StringComparison.Ordinal)).ToList();
            leaks.ShouldBeEmpty("secret " + secret.Substring(0, 2) + "… leaked");
        }
    }

    [Fact]
    public void AccessTokenToStringShowsAtMostTheFirstFourCharacters()
    {
        var text = new AccessToken(AccessSecret, null, RefreshSecret, _clock.GetUtcNow()).ToString();

        text.ShouldContain("AT-5\u2026");
        text.ShouldContain("RefreshToken = ***");
        text.ShouldNotContain(AccessSecret.Substring(0, 5));
        new AccessToken(ShortSecret, null, null, _clock.GetUtcNow()).ToString().ShouldContain("Value = ***");
    }

    private async Task DriveTokenLifecycleAsync()
    {
        var logger = new FakeLogger(_logs, "SpecClients.Auth");

        // Issued with an absurd expiry, reused, refreshed with a failing refresh grant, then a working one, invalidated.
        var source = new TestTokenSource((c, n, _) =>
        {
            _seen.Add(c.ToString());
            if (c.IsRefresh && n == 2)
            {
                throw new InvalidOperationException("refresh grant rejected by the server");
            }

            var expires = n == 1 ? c.Clock.GetUtcNow().AddYears(100) : c.Clock.GetUtcNow().AddHours(1);
            return new ValueTask<AccessToken>(c.CreateToken(AccessSecret + n, expires, RefreshSecret));
        });
        var provider = Providers.Create(source, _clock, logger: logger,
            options: new TokenProviderOptions { MaximumLifetime = TimeSpan.FromHours(1) },
            key: TokenCacheKey.Create("Client", "oauth", "client-id", ClientSecret));
        _seen.Add(provider.ToString());
        var first = await provider.GetTokenAsync(CancellationToken.None);
        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        var second = await provider.GetTokenAsync(CancellationToken.None); // refresh fails, fresh request (3)
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        var third = await provider.GetTokenAsync(CancellationToken.None); // refresh succeeds (4)
        await provider.InvalidateAsync(third, CancellationToken.None);
        await provider.InvalidateAsync(first, CancellationToken.None);
        _seen.AddRange(new[] { first.ToString(), second.ToString(), third.ToString() });

        // Already expired on arrival.
        var expired = Providers.Create(
            new TestTokenSource((c, _, _) => new(c.CreateToken(AccessSecret, c.Clock.GetUtcNow().AddMinutes(-1), RefreshSecret))),
            _clock, logger: logger);
        _seen.Add((await expired.GetTokenAsync(CancellationToken.None)).ToString());

        // A failing source and a failing cache.
        var failing = Providers.Create(
            new TestTokenSource((_, _, _) => throw new InvalidOperationException("token endpoint answered 500")),
            _clock, new FailingTokenCache(), logger: logger);
        var error = await Should.ThrowAsync<TokenAcquisitionException>(async () => await failing.GetTokenAsync(CancellationToken.None));
        _seen.Add(error.ToString());
        _seen.Add((await Should.ThrowAsync<TokenAcquisitionException>(async () => await failing.GetTokenAsync(CancellationToken.None))).ToString());
        var cacheless = Providers.Create(new TestTokenSource((c, _, _) => new(c.CreateToken(AccessSecret, null, RefreshSecret))),
            _clock, new FailingTokenCache(), logger: logger);
        _seen.Add((await cacheless.GetTokenAsync(CancellationToken.None)).ToString());

        // Timeout of the shared request.
        var hangingSource = new TestTokenSource(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        var hanging = Providers.Create(
            hangingSource, _clock, options: new TokenProviderOptions { TokenRequestTimeout = TimeSpan.FromSeconds(1) }, logger: logger);
        var waiting = hanging.GetTokenAsync(CancellationToken.None).AsTask();
        await Wait.UntilAsync(() => hangingSource.Calls == 1, "the hanging request has started (its timeout timer exists)");
        _clock.Advance(TimeSpan.FromSeconds(1));
        _seen.Add((await Should.ThrowAsync<TokenAcquisitionException>(waiting.Within10s())).ToString());

        // The token authenticator and a signer that sees the token.
        var signer = new AuthenticatorTests.RecordingSigner();
        var signing = new SigningAuthenticator("signature", signer, provider, _clock);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example/pay");
        await new TokenAuthenticator("oauth", provider).ApplyAsync(request, CancellationToken.None);
        await signing.ApplyAsync(request, CancellationToken.None);
        _seen.Add(signer.Seen!.ToString());
        _seen.Add(signing.ToString());
    }

    private void DescribeAuthenticators()
    {
        _seen.Add(new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "X-Api-Key", ApiKeySecret).ToString());
        _seen.Add(new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Query, "key", ShortSecret, "Key ").ToString());
        _seen.Add(new BasicAuthenticator("basicAuth", "shop", PasswordSecret).ToString());
        _seen.Add(new BearerAuthenticator("bearer", BearerSecret).ToString());
        _seen.Add(new TokenAuthenticator("oauth", Providers.Create(new TestTokenSource(), _clock)).ToString());
        _seen.Add(new TokenRequestContext(RefreshSecret, _clock).ToString());
        _seen.Add(TokenCacheKey.Create("Client", "oauth", ClientSecret, PasswordSecret));
    }

    private async Task CollectConfigurationErrorsAsync()
    {
        Capture(() => new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "X-Api-Key", ApiKeySecret + "\r\n"));
        Capture(() => new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Cookie, "k", ApiKeySecret + ";"));
        Capture(() => new BearerAuthenticator("bearer", BearerSecret + "\n"));
        Capture(() => new BasicAuthenticator("basicAuth", "a:" + PasswordSecret, PasswordSecret));

        var authorizer = new RequestAuthorizer(new IRequestAuthenticator[]
        {
            new BasicAuthenticator("basicAuth", "shop", PasswordSecret),
            new ApiKeyAuthenticator("apiKey", ApiKeyLocation.Header, "X-Api-Key", ApiKeySecret),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/");
        var error = await Should.ThrowAsync<InvalidOperationException>(async () =>
            await authorizer.ApplyAsync(request, new[] { new SecurityRequirement("oauth", "apiKey") }, CancellationToken.None));
        _seen.Add(error.ToString());
    }

    private void Capture(Action action) => _seen.Add(Should.Throw<ArgumentException>(action).ToString());
}
