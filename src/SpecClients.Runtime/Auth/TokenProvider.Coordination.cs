using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth;

// The cache-miss path across providers that share a cache (other processes included): an ITokenCoordinator's lease
// decides which of them requests; the others wait for it and take its token from the cache.
public sealed partial class TokenProvider
{
    // Null for a provider created without one: it shares its flight with the providers of this process over the same
    // cache and key (SharedTokenRequest), and waits for no one else.
    private ITokenCoordinator? _coordinator;

    /// <summary>
    /// Creates a provider that, on a cache miss, requests a token only while it holds <paramref name="coordinator"/>'s
    /// lease on the cache key, so providers sharing the cache (in this process or others) make one request between them.
    /// </summary>
    /// <param name="cacheKey">The cache key, normally from <see cref="TokenCacheKey.Create"/>.</param>
    /// <param name="source">Where tokens come from.</param>
    /// <param name="cache">Where tokens are kept.</param>
    /// <param name="options">Expiry and refresh settings (copied: later changes have no effect).</param>
    /// <param name="timeProvider">The only clock the provider reads.</param>
    /// <param name="logger">Receives the events listed in <see cref="EventIds"/>.</param>
    /// <param name="coordinator">Decides which provider requests; see <see cref="ITokenCoordinator"/>.</param>
    public TokenProvider(
        string cacheKey,
        ITokenSource source,
        ITokenCache cache,
        TokenProviderOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        ITokenCoordinator coordinator)
        : this(cacheKey, source, cache, options, timeProvider, logger)
    {
        _coordinator = coordinator ?? throw new ArgumentNullException(nameof(coordinator));
    }

    private async Task<AccessToken> AcquireCoordinatedAsync(AccessToken? stale)
    {
        var coordinator = _coordinator;
        if (coordinator is null)
        {
            return await AcquireAsync(stale).ConfigureAwait(false);
        }

        // Waiting for another holder is bounded as a request of our own would be.
        using var timeout = TaskWaiting.CreateTimeoutSource(_clock, _requestTimeout);
        var cancellationToken = timeout?.Token ?? CancellationToken.None;
        try
        {
            while (true)
            {
                ITokenLease? lease;
                try
                {
                    lease = await coordinator.TryAcquireAsync(_cacheKey, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Without its store the coordinator cannot decide: an extra request beats no token.
                    Log.TokenCacheFailed(_logger, _keyPrefix, "lease", ex);
                    return await AcquireAsync(stale).ConfigureAwait(false);
                }

                if (lease is not null)
                {
                    try
                    {
                        // Another holder may have stored a token between this provider's miss and its lease.
                        var cached = await ReadCacheAsync(cancellationToken).ConfigureAwait(false);
                        if (cached is not null && IsFresh(cached, _clock.GetUtcNow()))
                        {
                            RecordHit(cached);
                            return cached;
                        }

                        return await AcquireAsync(cached ?? stale).ConfigureAwait(false);
                    }
                    finally
                    {
                        await ReleaseAsync(lease).ConfigureAwait(false);
                    }
                }

                try
                {
                    await coordinator.WaitAsync(_cacheKey, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.TokenCacheFailed(_logger, _keyPrefix, "wait for the lease on", ex);
                    return await AcquireAsync(stale).ConfigureAwait(false);
                }

                // The holder stored its token, or failed or died (its lease expired): then try for the lease again.
                var stored = await ReadCacheAsync(cancellationToken).ConfigureAwait(false);
                if (stored is not null && IsFresh(stored, _clock.GetUtcNow()))
                {
                    RecordHit(stored);
                    return stored;
                }

                stale = stored ?? stale;
            }
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            var timedOut = new TimeoutException(
                "No token was stored by the provider holding the lease within the TokenRequestTimeout of " + _requestTimeout + ".", ex);
            Log.TokenRequestFailed(_logger, _keyPrefix, timedOut);
            throw timedOut;
        }
    }

    private async Task ReleaseAsync(ITokenLease lease)
    {
        try
        {
            await lease.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The lease then ends when it expires; the waiters find the stored token at that point.
            Log.TokenCacheFailed(_logger, _keyPrefix, "release the lease on", ex);
        }
    }
}
