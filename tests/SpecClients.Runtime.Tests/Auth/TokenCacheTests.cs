using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

public sealed class TokenCacheTests
{
    [Fact]
    public void CacheKeyIsSha256HexAndHidesItsParts()
    {
        var key = TokenCacheKey.Create("FincodeClient", "bearerAuth", "client-id", "s3cr3t-client-secret");

        key.ShouldMatch("^[0-9a-f]{64}$");
        key.ShouldNotContain("s3cr3t");
        key.ShouldBe(TokenCacheKey.Create("FincodeClient", "bearerAuth", "client-id", "s3cr3t-client-secret"));
    }

    [Fact]
    public void CacheKeyTellsDifferentPartsApart()
    {
        TokenCacheKey.Create("c", "s", "ab", "c").ShouldNotBe(TokenCacheKey.Create("c", "s", "a", "bc"));
        TokenCacheKey.Create("c", "s", (string?)null).ShouldNotBe(TokenCacheKey.Create("c", "s", string.Empty));
        TokenCacheKey.Create("c", "s1").ShouldNotBe(TokenCacheKey.Create("c", "s2"));
        TokenCacheKey.Create("c1", "s").ShouldNotBe(TokenCacheKey.Create("c2", "s"));
    }

    [Fact]
    public async Task InMemoryCacheDropsExpiredTokens()
    {
        var clock = TestClock.Create();
        var cache = new InMemoryTokenCache(clock);
        await cache.SetAsync("k", new AccessToken("v", clock.GetUtcNow().AddMinutes(1), null, clock.GetUtcNow()), CancellationToken.None);

        (await cache.GetAsync("k", CancellationToken.None)).ShouldNotBeNull();
        clock.Advance(TimeSpan.FromMinutes(1));
        (await cache.GetAsync("k", CancellationToken.None)).ShouldBeNull();
        cache.Count.ShouldBe(0);
    }

    [Fact]
    public async Task DistributedCacheRoundTripsEveryField()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new DistributedTokenCache(NewMemoryDistributedCache(), clock);
        var now = clock.GetUtcNow();
        var token = new AccessToken("value-\"quoted\"-\u00e9", now.AddHours(1), "refresh-1", now.AddSeconds(-3));

        await cache.SetAsync("k", token, CancellationToken.None);
        var read = await cache.GetAsync("k", CancellationToken.None);

        read.ShouldNotBeNull();
        read.Value.ShouldBe(token.Value);
        read.ExpiresAt.ShouldBe(token.ExpiresAt);
        read.RefreshToken.ShouldBe("refresh-1");
        read.IssuedAt.ShouldBe(token.IssuedAt);
    }

    [Fact]
    public async Task DistributedCacheEntryExpiresWithTheToken()
    {
        var clock = TestClock.Create();
        var store = new RecordingDistributedCache();
        var cache = new DistributedTokenCache(store, clock);
        var expiresAt = clock.GetUtcNow().AddMinutes(42);

        await cache.SetAsync("k", new AccessToken("v", expiresAt, null, clock.GetUtcNow()), CancellationToken.None);

        store.LastKey.ShouldBe(DistributedTokenCache.DefaultKeyPrefix + "k");
        store.LastOptions.ShouldNotBeNull().AbsoluteExpiration.ShouldBe(expiresAt);
    }

    [Fact]
    public void DistributedCacheTreatsMalformedEntriesAsMisses()
    {
        DistributedTokenCache.Deserialize("not json"u8.ToArray()).ShouldBeNull();
        DistributedTokenCache.Deserialize("{\"v\":2,\"value\":\"x\",\"iat\":\"2030-01-01T00:00:00+00:00\"}"u8.ToArray()).ShouldBeNull();
        DistributedTokenCache.Deserialize("{\"v\":1,\"iat\":\"2030-01-01T00:00:00+00:00\"}"u8.ToArray()).ShouldBeNull();
        DistributedTokenCache.Deserialize("{\"v\":1,\"value\":\"x\",\"iat\":\"yesterday\"}"u8.ToArray()).ShouldBeNull();
        DistributedTokenCache.Deserialize("{\"v\":1,\"value\":\"x\",\"iat\":\"2030-01-01T00:00:00+00:00\",\"extra\":{\"a\":[1]}}"u8.ToArray())
            .ShouldNotBeNull().Value.ShouldBe("x");
    }

    [Fact]
    public async Task DistributedCacheSharedByTwoContainersSavesTheSecondTokenRequest()
    {
        // Stands in for Redis: one store, two applications, each with its own container, source and provider.
        var sharedStore = NewMemoryDistributedCache();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // MemoryDistributedCache checks expiries on the real clock
        var firstSource = new TestTokenSource();
        var secondSource = new TestTokenSource();
        using var first = BuildContainer(sharedStore, clock, firstSource);
        using var second = BuildContainer(sharedStore, clock, secondSource);

        var issued = await first.GetRequiredService<TokenProvider>().GetTokenAsync(CancellationToken.None);
        var reused = await second.GetRequiredService<TokenProvider>().GetTokenAsync(CancellationToken.None);

        first.GetRequiredService<TokenProvider>().ShouldNotBeSameAs(second.GetRequiredService<TokenProvider>());
        reused.Value.ShouldBe(issued.Value);
        reused.ExpiresAt.ShouldBe(issued.ExpiresAt);
        firstSource.Calls.ShouldBe(1);
        secondSource.Calls.ShouldBe(0);
    }

    [Fact]
    public void TokenProviderOptionsBindFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new System.Collections.Generic.Dictionary<string, string?>
        {
            ["Auth:RefreshMargin"] = "00:02:00",
            ["Auth:DefaultLifetime"] = "00:10:00",
            ["Auth:MaximumLifetime"] = "1.00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.Configure<TokenProviderOptions>(configuration.GetSection("Auth"));

        using var container = services.BuildServiceProvider();
        var options = container.GetRequiredService<IOptions<TokenProviderOptions>>().Value;

        options.RefreshMargin.ShouldBe(TimeSpan.FromMinutes(2));
        options.DefaultLifetime.ShouldBe(TimeSpan.FromMinutes(10));
        options.MaximumLifetime.ShouldBe(TimeSpan.FromDays(1));
    }

    private static MemoryDistributedCache NewMemoryDistributedCache() =>
        new(Options.Create(new MemoryDistributedCacheOptions()));

    private static ServiceProvider BuildContainer(IDistributedCache sharedStore, TimeProvider clock, ITokenSource source)
    {
        var services = new ServiceCollection();
        services.AddSingleton(sharedStore);
        services.AddSingleton(clock);
        services.AddSingleton<ILogger>(NullLogger.Instance);
        services.AddSingleton<ITokenCache>(sp => new DistributedTokenCache(sp.GetRequiredService<IDistributedCache>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(source);
        services.AddOptions<TokenProviderOptions>();
        services.AddSingleton(sp => new TokenProvider(
            TokenCacheKey.Create("FincodeClient", "bearerAuth", "shop-1", "secret-key"),
            sp.GetRequiredService<ITokenSource>(),
            sp.GetRequiredService<ITokenCache>(),
            sp.GetRequiredService<IOptions<TokenProviderOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger>()));
        return services.BuildServiceProvider();
    }

    private sealed class RecordingDistributedCache : IDistributedCache
    {
        public string? LastKey { get; private set; }

        public DistributedCacheEntryOptions? LastOptions { get; private set; }

        public byte[]? Get(string key) => null;

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult<byte[]?>(null);

        public void Refresh(string key)
        {
        }

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key)
        {
        }

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            LastKey = key;
            LastOptions = options;
            return Task.CompletedTask;
        }
    }
}
