using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// The default <see cref="ITokenCache"/>: a process-local dictionary. Entries are dropped once their token has
/// expired, so the cache does not grow with credentials that are no longer used.
/// </summary>
public sealed class InMemoryTokenCache : ITokenCache, ISynchronousTokenCache
{
    private const int SweepEvery = 256;

    // One entry object per key for as long as the key is held, updated in place, so that a TokenProvider can keep it and
    // read its token without a lookup. Removal empties the entry and marks it removed, both under the entry's lock,
    // before taking it out of the dictionary; a later store adds a new entry.
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
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
    bool ISynchronousTokenCache.ReadsClock(TimeProvider clock) => ReferenceEquals(_clock, clock);

    /// <inheritdoc />
    public ValueTask<AccessToken?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!_entries.TryGetValue(key, out var entry) || entry.Token is not { } token)
        {
            return new ValueTask<AccessToken?>((AccessToken?)null);
        }

        if (token.IsExpired(_clock.GetUtcNow()))
        {
            RemoveIfSame(key, entry, token);
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
            Remove(key);
            return default;
        }

        while (true)
        {
            var entry = _entries.GetOrAdd(key, static _ => new Entry());
            lock (entry)
            {
                if (!entry.Removed)
                {
                    entry.Token = token;
                    break;
                }
            }
        }

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
        Remove(key);
        return default;
    }

    /// <inheritdoc />
    ISynchronousTokenCacheEntry? ISynchronousTokenCache.FindEntry(string key) => _entries.TryGetValue(key, out var entry) ? entry : null;

    private void Sweep(DateTimeOffset now)
    {
        foreach (var pair in _entries)
        {
            if (pair.Value.Token is { } token && token.IsExpired(now))
            {
                RemoveIfSame(pair.Key, pair.Value, token);
            }
        }
    }

    private void Remove(string key)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            RemoveIfSame(key, entry, null);
        }
    }

    // Atomic compare-and-remove (any token when `token` is null): never drops a token that replaced the expired one meanwhile.
    private void RemoveIfSame(string key, Entry entry, AccessToken? token)
    {
        lock (entry)
        {
            if (entry.Removed || (token is not null && !ReferenceEquals(entry.Token, token)))
            {
                return;
            }

            entry.Removed = true;
            entry.Token = null;
        }

        ((ICollection<KeyValuePair<string, Entry>>)_entries).Remove(new KeyValuePair<string, Entry>(key, entry));
    }

    /// <summary>The token held under one key; <see langword="null"/> once removed (then it is never set again).</summary>
    private sealed class Entry : ISynchronousTokenCacheEntry
    {
        private volatile AccessToken? _token;

        public AccessToken? Token
        {
            get => _token;
            set => _token = value;
        }

        /// <summary>Set under the entry's lock together with clearing <see cref="Token"/>.</summary>
        public bool Removed { get; set; }
    }
}
