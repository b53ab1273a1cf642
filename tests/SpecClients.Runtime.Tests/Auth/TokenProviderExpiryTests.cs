using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

public sealed class TokenProviderExpiryTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();

    private DateTimeOffset Start => TestClock.Start;

    [Fact]
    public async Task ExplicitExpiresAtWinsOverJwtExp()
    {
        var jwt = Jwt.WithExp(Start.AddHours(2).ToUnixTimeSeconds());
        var source = new TestTokenSource((c, _, _) => new(c.CreateToken(jwt, Start.AddHours(1))));
        var provider = Providers.Create(source, _clock);

        var token = await provider.GetTokenAsync(CancellationToken.None);

        token.ExpiresAt.ShouldBe(Start.AddHours(1));
    }

    [Fact]
    public async Task JwtExpIsUsedWhenTheSourceGivesNoExpiry()
    {
        var jwt = Jwt.WithExp(Start.AddHours(2).ToUnixTimeSeconds());
        var source = new TestTokenSource((c, _, _) => new(c.CreateToken(jwt)));
        var provider = Providers.Create(source, _clock);

        var token = await provider.GetTokenAsync(CancellationToken.None);

        token.ExpiresAt.ShouldBe(Start.AddHours(2));
    }

    [Fact]
    public async Task JwtExpIsReadBehindABearerPrefix()
    {
        var jwt = "Bearer " + Jwt.WithExp(Start.AddHours(3).ToUnixTimeSeconds());
        var source = new TestTokenSource((c, _, _) => new(c.CreateToken(jwt)));
        var provider = Providers.Create(source, _clock);

        (await provider.GetTokenAsync(CancellationToken.None)).ExpiresAt.ShouldBe(Start.AddHours(3));
    }

    [Fact]
    public async Task DefaultLifetimeIsUsedForAnOpaqueTokenWithoutExpiry()
    {
        var source = new TestTokenSource((c, n, _) => new(c.CreateToken("opaque-" + n)));
        var options = new TokenProviderOptions { DefaultLifetime = TimeSpan.FromMinutes(7) };
        var provider = Providers.Create(source, _clock, options: options);

        var token = await provider.GetTokenAsync(CancellationToken.None);

        token.ExpiresAt.ShouldBe(Start.AddMinutes(7));
    }

    [Fact]
    public async Task DefaultLifetimeTokenIsReplacedAtItsRefreshPoint()
    {
        // 5 min default lifetime, 60 s margin: due at 4 min.
        var source = new TestTokenSource((c, n, _) => new(c.CreateToken("opaque-" + n)));
        var provider = Providers.Create(source, _clock);
        await provider.GetTokenAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("opaque-1");
        _clock.Advance(TimeSpan.FromSeconds(2));
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("opaque-2");
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task AbsurdExpiryIsClampedToMaximumLifetimeWithAWarning()
    {
        var logs = new FakeLogCollector();
        var source = new TestTokenSource((c, _, _) => new(c.CreateToken("t", Start.AddYears(200))));
        var provider = Providers.Create(source, _clock, logger: new FakeLogger(logs));

        var token = await provider.GetTokenAsync(CancellationToken.None);

        token.ExpiresAt.ShouldBe(Start.AddDays(30));
        logs.WithEvent(EventIds.TokenExpiryClamped).Single().Level.ShouldBe(Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task JwtExpBeyondMaximumLifetimeIsClampedToo()
    {
        var jwt = Jwt.WithExp(Start.AddDays(400).ToUnixTimeSeconds());
        var source = new TestTokenSource((c, _, _) => new(c.CreateToken(jwt)));
        var options = new TokenProviderOptions { MaximumLifetime = TimeSpan.FromDays(1) };
        var provider = Providers.Create(source, _clock, options: options);

        (await provider.GetTokenAsync(CancellationToken.None)).ExpiresAt.ShouldBe(Start.AddDays(1));
    }

    [Fact]
    public async Task TokenAlreadyExpiredIsUsedOnceAndNotCached()
    {
        var logs = new FakeLogCollector();
        var cache = new InMemoryTokenCache(_clock);
        var source = new TestTokenSource((c, n, _) => new(c.CreateToken("stale-" + n, Start.AddSeconds(-5))));
        var provider = Providers.Create(source, _clock, cache, logger: new FakeLogger(logs));

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        first.Value.ShouldBe("stale-1");
        second.Value.ShouldBe("stale-2");
        source.Calls.ShouldBe(2);
        cache.Count.ShouldBe(0);
        logs.WithEvent(EventIds.TokenAlreadyExpired).Count().ShouldBe(2);
    }

    [Fact]
    public async Task CachedTokenIsReusedUntilExpiryMinusRefreshMargin()
    {
        var source = new TestTokenSource(); // 1 hour tokens
        var provider = Providers.Create(source, _clock, options: new TokenProviderOptions { RefreshMargin = TimeSpan.FromMinutes(5) });

        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-1");
        _clock.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromSeconds(1));
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-1");
        source.Calls.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task ShortLivedTokenIsReusedUntilHalfItsLifetime()
    {
        // 60 s lifetime with a 60 s margin would mean "always due"; it is kept for half its lifetime instead.
        var source = new TestTokenSource((c, n, _) => new(c.CreateToken("short-" + n, c.Clock.GetUtcNow().AddSeconds(60))));
        var provider = Providers.Create(source, _clock);

        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(29));
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("short-1");
        _clock.Advance(TimeSpan.FromSeconds(2));
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("short-2");
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() =>
            Providers.Create(new TestTokenSource(), _clock, options: new TokenProviderOptions { DefaultLifetime = TimeSpan.Zero }));
        Should.Throw<ArgumentOutOfRangeException>(() =>
            Providers.Create(new TestTokenSource(), _clock, options: new TokenProviderOptions { RefreshMargin = TimeSpan.FromSeconds(-1) }));
    }
}
