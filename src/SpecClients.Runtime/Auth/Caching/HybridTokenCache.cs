using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Hybrid;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// An <see cref="ITokenCache"/> over a <see cref="HybridCache"/>: tokens are read from the process's memory (L1) and,
/// behind it, from the distributed cache the HybridCache is configured with (L2, e.g. Redis), so every process with the
/// same credentials shares one token and each reads it from memory after the first time.
/// </summary>
/// <remarks>
/// <para>Entries are the bytes <see cref="DistributedTokenCache"/> writes (encrypted when
/// <see cref="TokenCacheOptions.Protector"/> is set) and expire with their token, in L1 and L2.</para>
/// <para>A removal (after a 401) clears this process's L1 and the shared L2; another process's L1 may keep the
/// rejected token until that process is rejected in turn, or until the token expires.</para>
/// </remarks>
public sealed class HybridTokenCache : ITokenCache
{
    // A read that neither calls a factory nor stores anything when the token is missing.
    private static readonly HybridCacheEntryOptions s_readOnly = new() { Flags = HybridCacheEntryFlags.DisableUnderlyingData };

    private readonly HybridCache _cache;
    private readonly TimeProvider _clock;
    private readonly string _keyPrefix;
    private readonly IDataProtector? _protector;

    /// <summary>Creates a cache.</summary>
    /// <param name="cache">The hybrid cache.</param>
    /// <param name="options">Key prefix, clock and encryption at rest (read once: later changes have no effect).</param>
    public HybridTokenCache(HybridCache cache, TokenCacheOptions options)
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        _clock = options.TimeProvider ?? throw new ArgumentException("TimeProvider must be set.", nameof(options));
        _keyPrefix = options.KeyPrefix ?? throw new ArgumentException("KeyPrefix must be set.", nameof(options));
        _protector = options.Protector;
    }

    /// <inheritdoc />
    public async ValueTask<AccessToken?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await _cache.GetOrCreateAsync<byte[]?>(
            FullKey(key), static _ => default, s_readOnly, null, cancellationToken).ConfigureAwait(false);
        var token = TokenCacheEntry.Read(bytes, _protector);
        return token is null || token.IsExpired(_clock.GetUtcNow()) ? null : token;
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(string key, AccessToken token, CancellationToken cancellationToken)
    {
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        var fullKey = FullKey(key);
        var now = _clock.GetUtcNow();
        if (token.IsExpired(now))
        {
            await _cache.RemoveAsync(fullKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        // HybridCache takes lifetimes, not instants; without an expiry the entry lives as long as HybridCache's default.
        HybridCacheEntryOptions? options = null;
        if (token.ExpiresAt is { } expiresAt)
        {
            var lifetime = expiresAt - now;
            options = new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime };
        }

        await _cache.SetAsync(fullKey, TokenCacheEntry.Write(token, _protector), options, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken) =>
        await _cache.RemoveAsync(FullKey(key), cancellationToken).ConfigureAwait(false);

    private string FullKey(string key) => _keyPrefix + (key ?? throw new ArgumentNullException(nameof(key)));
}
