using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using SpecClients.Runtime.Auth;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

/// <summary>Encryption at rest of distributed token cache entries (the Redis tests check the same on a real server).</summary>
public sealed class TokenCacheProtectionTests
{
    private const string Secret = "access-token-9c2b71";
    private const string RefreshSecret = "refresh-token-5e03aa";

    [Fact]
    public async Task ARegisteredDataProtectionProviderEncryptsTheStoredEntry()
    {
        var store = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var services = new ServiceCollection().AddSingleton<IDistributedCache>(store);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        await using var provider = services.AddSpecClientsDistributedTokenCache().BuildServiceProvider();
        var cache = provider.GetRequiredService<ITokenCache>();

        await cache.SetAsync("k", Token(), CancellationToken.None);

        var stored = Encoding.UTF8.GetString(store.Get(DistributedTokenCache.DefaultKeyPrefix + "k").ShouldNotBeNull());
        stored.ShouldNotContain(Secret);
        stored.ShouldNotContain(RefreshSecret);
        (await cache.GetAsync("k", CancellationToken.None)).ShouldNotBeNull().RefreshToken.ShouldBe(RefreshSecret);
    }

    [Fact]
    public async Task WithoutDataProtectionOrWithItTurnedOffTheEntryIsPlainJson()
    {
        foreach (var register in new[] { false, true })
        {
            var store = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
            var services = new ServiceCollection().AddSingleton<IDistributedCache>(store);
            if (register)
            {
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
            }

            await using var provider = services
                .AddSpecClientsDistributedTokenCache(options => options.UseRegisteredDataProtection = !register)
                .BuildServiceProvider();
            await provider.GetRequiredService<ITokenCache>().SetAsync("k", Token(), CancellationToken.None);

            Encoding.UTF8.GetString(store.Get(DistributedTokenCache.DefaultKeyPrefix + "k").ShouldNotBeNull()).ShouldContain(Secret);
        }
    }

    [Fact]
    public async Task AnEntryWrittenInClearReadsAsMissingOnceProtectionIsOn()
    {
        var store = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        await new DistributedTokenCache(store).SetAsync("k", Token(), CancellationToken.None);
        var protector = new EphemeralDataProtectionProvider().CreateProtector(TokenCacheOptions.DataProtectionPurpose);

        var protectedCache = new DistributedTokenCache(store, new TokenCacheOptions { Protector = protector });

        (await protectedCache.GetAsync("k", CancellationToken.None)).ShouldBeNull();
    }

    private static AccessToken Token()
    {
        var now = DateTimeOffset.UtcNow;
        return new AccessToken(Secret, now.AddHours(1), RefreshSecret, now);
    }
}
