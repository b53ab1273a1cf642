using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

public sealed class TokenProviderInvalidationTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Fact]
    public async Task InvalidatingTheCachedTokenCausesANewRequest()
    {
        var source = new TestTokenSource();
        var provider = Providers.Create(source, _clock);
        var first = await provider.GetTokenAsync(CancellationToken.None);

        await provider.InvalidateAsync(first, CancellationToken.None);

        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
    }

    [Fact]
    public async Task InvalidatingAnOlderTokenKeepsTheNewerCachedOne()
    {
        var source = new TestTokenSource();
        var cache = new InMemoryTokenCache(_clock);
        var provider = Providers.Create(source, _clock, cache);
        var first = await provider.GetTokenAsync(CancellationToken.None);
        await provider.InvalidateAsync(first, CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        await provider.InvalidateAsync(first, CancellationToken.None); // a late 401 for the old token

        (await cache.GetAsync(Providers.Key, CancellationToken.None)).ShouldBeSameAs(second);
        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBeSameAs(second);
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task InvalidatingATokenWithTheSameValueMatchesByValue()
    {
        var source = new TestTokenSource();
        var provider = Providers.Create(source, _clock);
        var first = await provider.GetTokenAsync(CancellationToken.None);
        var copy = new AccessToken(first.Value, null, null, first.IssuedAt.AddDays(-1));

        await provider.InvalidateAsync(copy, CancellationToken.None);

        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
    }

    [Fact]
    public async Task TwoHundredCallersRejectedWithTheSameStaleTokenCauseOneNewRequest()
    {
        var source = new TestTokenSource(async (c, n, _) =>
        {
            await Task.Yield();
            return c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1));
        });
        var cache = new InMemoryTokenCache(_clock);
        var provider = Providers.Create(source, _clock, cache);
        var stale = await provider.GetTokenAsync(CancellationToken.None);

        var callers = Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            await provider.InvalidateAsync(stale, CancellationToken.None);
            return await provider.GetTokenAsync(CancellationToken.None);
        })).ToArray();
        var tokens = await Task.WhenAll(callers).Within10s();

        source.Calls.ShouldBe(2);
        tokens.ShouldAllBe(t => t.Value == "token-2");
        (await cache.GetAsync(Providers.Key, CancellationToken.None)).ShouldNotBeNull().Value.ShouldBe("token-2");
    }
}
