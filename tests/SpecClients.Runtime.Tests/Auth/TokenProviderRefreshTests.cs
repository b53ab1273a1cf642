using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

public sealed class TokenProviderRefreshTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Fact]
    public async Task RefreshPassesTheCachedRefreshTokenToTheSource()
    {
        var source = new TestTokenSource((c, n, _) => new(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1), "rt-" + n)));
        var provider = Providers.Create(source, _clock);

        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        var refreshed = await provider.GetTokenAsync(CancellationToken.None);

        refreshed.Value.ShouldBe("token-2");
        refreshed.RefreshToken.ShouldBe("rt-2");
        source.RefreshTokensSeen.ShouldBe(new string?[] { null, "rt-1" });
    }

    [Fact]
    public async Task RefreshWithoutANewRefreshTokenKeepsThePreviousOne()
    {
        var source = new TestTokenSource((c, n, _) => new(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1), n == 1 ? "rt-1" : null)));
        var provider = Providers.Create(source, _clock);

        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        (await provider.GetTokenAsync(CancellationToken.None)).RefreshToken.ShouldBe("rt-1");
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        await provider.GetTokenAsync(CancellationToken.None);

        source.RefreshTokensSeen.ShouldBe(new string?[] { null, "rt-1", "rt-1" });
    }

    [Fact]
    public async Task FailedRefreshFallsBackOnceToAFreshRequest()
    {
        var source = new TestTokenSource((c, n, _) => c.IsRefresh
            ? throw new InvalidOperationException("refresh grant rejected")
            : new ValueTask<AccessToken>(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1), "rt-" + n)));
        var provider = Providers.Create(source, _clock);

        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        var token = await provider.GetTokenAsync(CancellationToken.None);

        token.Value.ShouldBe("token-3");
        source.RefreshTokensSeen.ShouldBe(new string?[] { null, "rt-1", null });
    }

    [Fact]
    public async Task FailedRefreshAndFailedFallbackThrowWithoutFurtherAttempts()
    {
        var source = new TestTokenSource((c, n, _) => n == 1
            ? new ValueTask<AccessToken>(c.CreateToken("token-1", c.Clock.GetUtcNow().AddHours(1), "rt-1"))
            : throw new InvalidOperationException("endpoint down " + n));
        var provider = Providers.Create(source, _clock);
        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(59.5));

        var error = await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));

        error.InnerException.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("endpoint down 3");
        source.Calls.ShouldBe(3);
    }
}
