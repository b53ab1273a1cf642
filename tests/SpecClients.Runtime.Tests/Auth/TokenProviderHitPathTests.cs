using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Internal;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

/// <summary>
/// The hit path of <see cref="TokenProvider.GetTokenAsync"/> with the in-memory cache (read synchronously through the
/// cache entry it keeps, refresh instant computed once per token) still sees every change to the cache and refreshes on time.
/// </summary>
public sealed class TokenProviderHitPathTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Fact]
    public async Task ACachedTokenIsHandedOutWithoutAllocating()
    {
        var provider = Providers.Create(new TestTokenSource(), _clock);
        var first = await provider.GetTokenAsync(CancellationToken.None);
        for (var i = 0; i < 2_000; i++)
        {
            (await provider.GetTokenAsync(CancellationToken.None)).ShouldBeSameAs(first);
        }

        // Any allocation per call would be at least 24 bytes a call; the margin absorbs one-off runtime allocations.
        const int calls = 10_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            var pending = provider.GetTokenAsync(CancellationToken.None);
            if (!pending.IsCompletedSuccessfully || !ReferenceEquals(await pending, first))
            {
                throw new InvalidOperationException("The cached token was not returned synchronously.");
            }
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(calls);
    }

    [Fact]
    public async Task ATokenReplacedInTheSharedCacheByAnotherProviderIsUsedAtOnce()
    {
        var cache = new InMemoryTokenCache(_clock);
        var source = new TestTokenSource();
        var provider = Providers.Create(source, _clock, cache);
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-1");

        await cache.SetAsync(Providers.Key, new AccessToken("elsewhere", _clock.GetUtcNow().AddHours(1), null, _clock.GetUtcNow()), CancellationToken.None);
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("elsewhere");

        await cache.RemoveAsync(Providers.Key, CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(2)); // the provider's last token is no longer fresh either
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task AStoreRacingARemovalIsNeverLost()
    {
        var cache = new InMemoryTokenCache(_clock);
        var expires = _clock.GetUtcNow().AddHours(1);
        for (var round = 0; round < 200; round++)
        {
            var last = new AccessToken("last-" + round, expires, null, _clock.GetUtcNow());
            var remover = Task.Run(async () =>
            {
                for (var i = 0; i < 50; i++)
                {
                    await cache.RemoveAsync("k", CancellationToken.None);
                }
            });
            for (var i = 0; i < 50; i++)
            {
                await cache.SetAsync("k", new AccessToken("t-" + i, expires, null, _clock.GetUtcNow()), CancellationToken.None);
            }

            await remover;
            await cache.SetAsync("k", last, CancellationToken.None);

            (await cache.GetAsync("k", CancellationToken.None)).ShouldBeSameAs(last);
            cache.Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task ATokenPastItsRefreshInstantIsReplacedOnTheHitPath()
    {
        var source = new TestTokenSource();
        var provider = Providers.Create(source, _clock); // 1-hour tokens, 60-second margin
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-1");

        _clock.Advance(TimeSpan.FromMinutes(58));
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-1");
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromTicks(1));
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 5)]
    public async Task AHitSkipsTheCachesAsyncReadOnlyWhenTheCacheOffersSynchronousEntriesOnTheProvidersClock(bool readsProviderClock, int asyncReadsOnFiveHits)
    {
        var cache = new CountingSynchronousCache(_clock, readsProviderClock);
        var provider = Providers.Create(new TestTokenSource(), _clock, cache);
        var first = await provider.GetTokenAsync(CancellationToken.None);
        var readsAfterFirstToken = cache.AsyncReads;

        for (var i = 0; i < 5; i++)
        {
            (await provider.GetTokenAsync(CancellationToken.None)).ShouldBeSameAs(first);
        }

        cache.AsyncReads.ShouldBe(readsAfterFirstToken + asyncReadsOnFiveHits);
    }

    /// <summary>An in-memory cache behind the two cache contracts, counting reads through <see cref="ITokenCache"/>.</summary>
    private sealed class CountingSynchronousCache(FakeTimeProvider clock, bool readsProviderClock) : ITokenCache, ISynchronousTokenCache
    {
        private readonly InMemoryTokenCache _inner = new(clock);

        public int AsyncReads { get; private set; }

        public ValueTask<AccessToken?> GetAsync(string key, CancellationToken cancellationToken)
        {
            AsyncReads++;
            return _inner.GetAsync(key, cancellationToken);
        }

        public ValueTask SetAsync(string key, AccessToken token, CancellationToken cancellationToken) => _inner.SetAsync(key, token, cancellationToken);

        public ValueTask RemoveAsync(string key, CancellationToken cancellationToken) => _inner.RemoveAsync(key, cancellationToken);

        public bool ReadsClock(TimeProvider clock) => readsProviderClock && ((ISynchronousTokenCache)_inner).ReadsClock(clock);

        public ISynchronousTokenCacheEntry? FindEntry(string key) => ((ISynchronousTokenCache)_inner).FindEntry(key);
    }
}
