using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.StackExchangeRedis.Tests.Support;
using Xunit;

namespace SpecClients.Runtime.StackExchangeRedis.Tests;

/// <summary>DistributedTokenCache over Microsoft.Extensions.Caching.StackExchangeRedis and a real redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class DistributedTokenCacheOverRedisTests(RedisFixture redis)
{
    private const string AccessTokenValue = "live-access-token-4f1c9a";
    private const string RefreshTokenValue = "live-refresh-token-77d2e0";

    [Fact]
    public async Task WithDataProtectionRegisteredRedisHoldsNoTokenInClear()
    {
        var prefix = Prefix();
        await using var services = Services(prefix, protect: true);
        var cache = services.GetRequiredService<ITokenCache>();

        await cache.SetAsync("key", Token(), CancellationToken.None);

        var stored = await redis.Server.CommandAsync("HGETALL", prefix + "key");
        stored.ShouldContain("data", customMessage: "the entry is in Redis");
        stored.ShouldNotContain(AccessTokenValue);
        stored.ShouldNotContain(RefreshTokenValue);
        var read = (await cache.GetAsync("key", CancellationToken.None)).ShouldNotBeNull();
        read.Value.ShouldBe(AccessTokenValue);
        read.RefreshToken.ShouldBe(RefreshTokenValue);
    }

    [Fact]
    public async Task WithoutDataProtectionTheEntryIsPlainJson()
    {
        // The documented default, and the control for the test above: the same look at Redis finds the token.
        var prefix = Prefix();
        await using var services = Services(prefix, protect: false);
        await services.GetRequiredService<ITokenCache>().SetAsync("key", Token(), CancellationToken.None);

        var stored = await redis.Server.CommandAsync("HGETALL", prefix + "key");
        stored.ShouldContain(AccessTokenValue);
        stored.ShouldContain(RefreshTokenValue);
    }

    [Fact]
    public async Task AnEntryProtectedWithAnotherKeyRingReadsAsMissing()
    {
        var prefix = Prefix();
        await using var writer = Services(prefix, protect: true);
        await using var reader = Services(prefix, protect: true); // its own ephemeral key ring
        await writer.GetRequiredService<ITokenCache>().SetAsync("key", Token(), CancellationToken.None);

        (await reader.GetRequiredService<ITokenCache>().GetAsync("key", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task TheEntryExpiresInRedisWithItsToken()
    {
        var prefix = Prefix();
        await using var services = Services(prefix, protect: true);
        var now = DateTimeOffset.UtcNow;
        await services.GetRequiredService<ITokenCache>()
            .SetAsync("key", new AccessToken(AccessTokenValue, now.AddMinutes(1), null, now), CancellationToken.None);

        var ttl = long.Parse((await redis.Server.CommandAsync("PTTL", prefix + "key")).Trim().TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture);
        ttl.ShouldBeInRange(1, 60_000);
    }

    private static string Prefix() => "test:" + Guid.NewGuid().ToString("N") + ":";

    private static AccessToken Token()
    {
        var now = DateTimeOffset.UtcNow;
        return new AccessToken(AccessTokenValue, now.AddHours(1), RefreshTokenValue, now);
    }

    private ServiceProvider Services(string prefix, bool protect)
    {
        var services = new ServiceCollection().AddStackExchangeRedisCache(options => options.Configuration = redis.Server.Configuration);
        if (protect)
        {
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
        }

        return services.AddSpecClientsDistributedTokenCache(options => options.KeyPrefix = prefix).BuildServiceProvider();
    }
}
