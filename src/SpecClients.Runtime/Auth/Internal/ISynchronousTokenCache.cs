using System;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>
/// A token cache that a <see cref="TokenProvider"/> may read without awaiting on its hit path: it hands out one entry
/// per key, which the provider keeps and reads directly while it holds a token. <see cref="InMemoryTokenCache"/> is one.
/// </summary>
internal interface ISynchronousTokenCache
{
    /// <summary>
    /// Whether the cache drops expired tokens by <paramref name="clock"/>; a provider reads entries synchronously only
    /// then, so that a token fresh by its own clock is also one the cache has not yet expired.
    /// </summary>
    /// <param name="clock">The provider's clock.</param>
    /// <returns><see langword="true"/> if the cache reads that same clock.</returns>
    bool ReadsClock(TimeProvider clock);

    /// <summary>
    /// The entry held for <paramref name="key"/>, to be read with <see cref="ISynchronousTokenCacheEntry.Token"/> (the
    /// caller checks expiry against its own clock). Once its token reads <see langword="null"/>, look the key up again.
    /// </summary>
    /// <param name="key">The cache key.</param>
    /// <returns>The entry, or <see langword="null"/> if the key holds none.</returns>
    ISynchronousTokenCacheEntry? FindEntry(string key);
}

/// <summary>The token one key of an <see cref="ISynchronousTokenCache"/> holds; <see langword="null"/> once removed.</summary>
internal interface ISynchronousTokenCacheEntry
{
    /// <summary>The token, or <see langword="null"/> once the entry was removed (then it is never set again).</summary>
    AccessToken? Token { get; }
}
