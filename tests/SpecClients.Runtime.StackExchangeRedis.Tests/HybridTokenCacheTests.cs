using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.StackExchangeRedis.Tests.Support;
using Xunit;

namespace SpecClients.Runtime.StackExchangeRedis.Tests;

/// <summary>HybridTokenCache over Microsoft.Extensions.Caching.Hybrid, with a real redis-server as its L2.</summary>
[Collection(RedisCollection.Name)]
public sealed class HybridTokenCacheTests(RedisFixture redis)
{
    [Fact]
    public async Task ATokenIsRequestedOnceAndThenServedFromTheCache()
    {
        var prefix = Prefix();
        await using var services = Services(prefix);
        var source = new CountingSource();
        var provider = Provider(services.GetRequiredService<ITokenCache>(), source, TimeProvider.System);

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        source.Calls.ShouldBe(1);
        second.Value.ShouldBe(first.Value);
        (await services.GetRequiredService<ITokenCache>().GetAsync(Key, CancellationToken.None)).ShouldNotBeNull().Value.ShouldBe(first.Value);
    }

    [Fact]
    public async Task AnotherProcessesCacheReadsTheTokenFromRedis()
    {
        var prefix = Prefix();
        await using var writer = Services(prefix);
        await using var reader = Services(prefix); // another HybridCache: an empty L1, the same L2
        var now = DateTimeOffset.UtcNow;
        await writer.GetRequiredService<ITokenCache>().SetAsync(Key, new AccessToken("shared", now.AddHours(1), "rt", now), CancellationToken.None);

        var read = (await reader.GetRequiredService<ITokenCache>().GetAsync(Key, CancellationToken.None)).ShouldNotBeNull();
        read.Value.ShouldBe("shared");
        read.RefreshToken.ShouldBe("rt");
        (await redis.Server.CommandAsync("EXISTS", prefix + Key)).ShouldStartWith(":1");
    }

    [Fact]
    public async Task ExpiryIsRespectedInTheCacheAndInRedis()
    {
        var prefix = Prefix();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = Services(prefix, clock);
        var cache = services.GetRequiredService<ITokenCache>();
        var now = clock.GetUtcNow();
        await cache.SetAsync(Key, new AccessToken("short-lived", now.AddMinutes(1), null, now), CancellationToken.None);

        var ttl = long.Parse((await redis.Server.CommandAsync("PTTL", prefix + Key)).Trim().TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture);
        ttl.ShouldBeInRange(1, 60_000);
        (await cache.GetAsync(Key, CancellationToken.None)).ShouldNotBeNull();
        clock.Advance(TimeSpan.FromMinutes(1));
        (await cache.GetAsync(Key, CancellationToken.None)).ShouldBeNull();

        // A token that has already expired is not stored at all.
        await cache.SetAsync("expired", new AccessToken("old", now, null, now.AddHours(-1)), CancellationToken.None);
        (await redis.Server.CommandAsync("EXISTS", prefix + "expired")).ShouldStartWith(":0");
    }

    [Fact]
    public async Task A401InvalidationRemovesTheTokenFromMemoryAndFromRedis()
    {
        var prefix = Prefix();
        await using var services = Services(prefix);
        await using var other = Services(prefix);
        var source = new CountingSource();
        var provider = Provider(services.GetRequiredService<ITokenCache>(), source, TimeProvider.System);
        var rejected = await provider.GetTokenAsync(CancellationToken.None);

        await provider.InvalidateAsync(rejected, CancellationToken.None);

        (await services.GetRequiredService<ITokenCache>().GetAsync(Key, CancellationToken.None)).ShouldBeNull();
        (await other.GetRequiredService<ITokenCache>().GetAsync(Key, CancellationToken.None)).ShouldBeNull();
        (await redis.Server.CommandAsync("EXISTS", prefix + Key)).ShouldStartWith(":0");
        var renewed = await provider.GetTokenAsync(CancellationToken.None);
        renewed.Value.ShouldNotBe(rejected.Value);
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task TheRegistrationReplacesAnInMemoryCacheRegisteredBeforeIt()
    {
        // Add{Client}() registers the in-memory cache with TryAdd; the HybridCache registration wins whatever the order.
        var services = new ServiceCollection().AddSingleton<ITokenCache>(new InMemoryTokenCache());
        services.AddHybridCache();
        await using var provider = services.AddSpecClientsHybridTokenCache().BuildServiceProvider();

        provider.GetRequiredService<ITokenCache>().ShouldBeOfType<HybridTokenCache>();
        AuthServices.From(provider).Cache.ShouldBeOfType<HybridTokenCache>();
    }

    private const string Key = "key";

    private static string Prefix() => "test:" + Guid.NewGuid().ToString("N") + ":";

    private static TokenProvider Provider(ITokenCache cache, CountingSource source, TimeProvider clock) =>
        new("key", source, cache, new TokenProviderOptions(), clock, NullLogger.Instance);

    private ServiceProvider Services(string prefix, TimeProvider? clock = null)
    {
        var services = new ServiceCollection()
            .AddStackExchangeRedisCache(options => options.Configuration = redis.Server.Configuration);
        services.AddHybridCache();
        return services
            .AddSpecClientsHybridTokenCache(options =>
            {
                options.KeyPrefix = prefix;
                options.TimeProvider = clock ?? TimeProvider.System;
            })
            .BuildServiceProvider();
    }

    private sealed class CountingSource : ITokenSource
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask<AccessToken> RequestTokenAsync(TokenRequestContext context, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            return new ValueTask<AccessToken>(context.CreateToken("hybrid-token-" + call, context.Clock.GetUtcNow().AddHours(1)));
        }
    }
}
