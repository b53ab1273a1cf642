using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>
/// What every <see cref="TokenProvider"/> of one cache key in one cache shares within the process: the running (or last)
/// token request, the back-off after failures, and the lock that orders cache writes with invalidations. So ten clients
/// created with <c>new</c> and the same credentials (one key in <see cref="AuthServices.Shared"/>'s cache) send one
/// request, and all of them fail fast while the token endpoint is known to be failing.
/// </summary>
/// <remarks>
/// Shared by cache instance and key, never by key alone: providers over different caches (dependency-injection
/// containers, tests) stay apart. Held strongly by its providers only; the registry keeps weak references.
/// </remarks>
internal sealed class SharedTokenRequest
{
    private static readonly ConditionalWeakTable<ITokenCache, Registry> s_registries = new();

    private int _consecutiveFailures;
    private TokenAcquisitionException? _lastFailure;
    private DateTimeOffset _retryNotBefore;

    private SharedTokenRequest()
    {
    }

    /// <summary>Guards <see cref="Flight"/> and the back-off state.</summary>
    public object Gate { get; } = new();

    /// <summary>
    /// The current or last token request (guarded by <see cref="Gate"/>). Joined while running; its token is reused while
    /// fresh; never reused when it failed.
    /// </summary>
    public Task<AccessToken>? Flight { get; set; }

    /// <summary>
    /// Serialises cache writes with the compare-and-remove of an invalidation, so that an invalidation of a stale token
    /// can never remove the token that a new request has just stored, whichever provider of the key does either.
    /// </summary>
    public SemaphoreSlim CacheWriteLock { get; } = new(1, 1);

    /// <summary>The shared state of <paramref name="cacheKey"/> in <paramref name="cache"/>.</summary>
    public static SharedTokenRequest For(ITokenCache cache, string cacheKey) =>
        s_registries.GetValue(cache, static _ => new Registry()).Get(cacheKey);

    /// <summary>Call under <see cref="Gate"/>: the failure to fail fast with, while within its back-off window; else null.</summary>
    public TokenAcquisitionException? FailFast(DateTimeOffset now) =>
        _lastFailure is { } last && now < _retryNotBefore ? TokenFailures.ForBackoff(last, _retryNotBefore) : null;

    /// <summary>Call under <see cref="Gate"/>: opens (or widens) the back-off window after a failed request.</summary>
    public void RecordFailure(TokenAcquisitionException exception, DateTimeOffset now, TimeSpan backoff, TimeSpan maximum)
    {
        _consecutiveFailures = _consecutiveFailures == int.MaxValue ? int.MaxValue : _consecutiveFailures + 1;
        if (backoff <= TimeSpan.Zero)
        {
            _lastFailure = null;
            return;
        }

        // backoff, 2 × backoff, 4 × … up to the maximum (which the doubling reaches long before it could overflow).
        var window = backoff;
        for (var failure = 1; failure < _consecutiveFailures && window < maximum; failure++)
        {
            window = TimeSpan.FromTicks(window.Ticks * 2);
        }

        // A server that said how long to wait (Retry-After on a 429 or 503) is not asked sooner, within the same bound.
        if (exception.RetryAfter is { } asked && asked > window)
        {
            window = asked;
        }

        if (window > maximum)
        {
            window = maximum;
        }

        _lastFailure = exception;
        _retryNotBefore = TokenExpiry.AddSaturating(now, window);
    }

    /// <summary>Call under <see cref="Gate"/>: a token arrived, the back-off ends.</summary>
    public void RecordSuccess()
    {
        _consecutiveFailures = 0;
        _lastFailure = null;
    }

    /// <summary>The shared states of one cache, by key, held weakly so that keys no provider uses any more go away.</summary>
    private sealed class Registry
    {
        private const int PruneEvery = 256;

        private readonly ConcurrentDictionary<string, WeakReference<SharedTokenRequest>> _byKey = new(StringComparer.Ordinal);
        private int _additions;

        public SharedTokenRequest Get(string cacheKey)
        {
            while (true)
            {
                if (_byKey.TryGetValue(cacheKey, out var weak))
                {
                    if (weak.TryGetTarget(out var existing))
                    {
                        return existing;
                    }

                    var replacement = new SharedTokenRequest();
                    if (_byKey.TryUpdate(cacheKey, new WeakReference<SharedTokenRequest>(replacement), weak))
                    {
                        return replacement;
                    }

                    continue; // another provider replaced it first: take theirs
                }

                var created = new SharedTokenRequest();
                if (_byKey.TryAdd(cacheKey, new WeakReference<SharedTokenRequest>(created)))
                {
                    if (Interlocked.Increment(ref _additions) % PruneEvery == 0)
                    {
                        Prune();
                    }

                    return created;
                }
            }
        }

        private void Prune()
        {
            foreach (var entry in _byKey)
            {
                if (!entry.Value.TryGetTarget(out _))
                {
                    ((System.Collections.Generic.ICollection<System.Collections.Generic.KeyValuePair<string, WeakReference<SharedTokenRequest>>>)_byKey).Remove(entry);
                }
            }
        }
    }
}
