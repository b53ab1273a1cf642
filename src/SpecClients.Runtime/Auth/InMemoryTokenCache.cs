using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// The default <see cref="ITokenCache"/>: a process-local dictionary. Entries are dropped once their token has
/// expired, so the cache does not grow with credentials that are no longer used.
/// </summary>
public sealed class InMemoryTokenCache : ITokenCache
{
    private const int SweepEvery = 256;

    private readonly ConcurrentDictionary<string, AccessToken> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private int _writes;

    /// <summary>Creates a cache that reads the system clock.</summary>
    public InMemoryTokenCache()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a cache that reads <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock used to drop expired entries.</param>
    public InMemoryTokenCache(TimeProvider timeProvider)
    {
        _clock = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The number of entries held, expired ones not yet dropped included.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask<AccessToken?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!_entries.TryGetValue(key, out var token))
        {
            return new ValueTask<AccessToken?>((AccessToken?)null);
        }

        if (token.IsExpired(_clock.GetUtcNow()))
        {
            RemoveIfSame(key, token);
            return new ValueTask<AccessToken?>((AccessToken?)null);
        }

        return new ValueTask<AccessToken?>(token);
    }

    /// <inheritdoc />
    public ValueTask SetAsync(string key, AccessToken token, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = _clock.GetUtcNow();
        if (token.IsExpired(now))
        {
            _entries.TryRemove(key, out _);
            return default;
        }

        _entries[key] = token;
        if (Interlocked.Increment(ref _writes) % SweepEvery == 0)
        {
            Sweep(now);
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        cancellationToken.ThrowIfCancellationRequested();
        _entries.TryRemove(key, out _);
        return default;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var entry in _entries)
        {
            if (entry.Value.IsExpired(now))
            {
                RemoveIfSame(entry.Key, entry.Value);
            }
        }
    }

    // Atomic compare-and-remove: never drops a token that replaced the expired one meanwhile.
    private void RemoveIfSame(string key, AccessToken token) =>
        ((ICollection<KeyValuePair<string, AccessToken>>)_entries).Remove(new KeyValuePair<string, AccessToken>(key, token));
}
