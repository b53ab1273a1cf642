using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// Gives out the token of one security scheme for one set of credentials: reads it from the cache, requests a new one
/// when it is missing or due (one request however many callers wait), refreshes with the refresh token when there is
/// one, and drops a token the server rejected.
/// </summary>
/// <remarks>
/// <para>Expiry: the source's <see cref="AccessToken.ExpiresAt"/> wins, else the JWT <c>exp</c> claim, else
/// <see cref="TokenProviderOptions.DefaultLifetime"/>; clamped to <see cref="TokenProviderOptions.MaximumLifetime"/>.
/// A token that arrives already expired is handed out once and not cached.</para>
/// <para>A cached token is reused until <c>ExpiresAt - RefreshMargin</c> (or halfway through its lifetime, if that
/// is later). The clock is read only through the <see cref="TimeProvider"/>.</para>
/// <para>Every failure is thrown as a <see cref="TokenAcquisitionException"/> with the cause inside. Failures are never
/// cached as tokens; for a short while after one (<see cref="TokenProviderOptions.FailureBackoff"/>, growing with
/// repeated failures) callers fail fast with a copy of it instead of each waiting on a failing endpoint. A caller's
/// cancellation stops only its own wait and is thrown as <see cref="OperationCanceledException"/>.</para>
/// <para>Providers of one cache key over one cache instance share their request and back-off within the process, so that
/// clients created separately with the same credentials send one request.</para>
/// </remarks>
public sealed partial class TokenProvider
{
    private readonly string _cacheKey;
    private readonly string _keyPrefix;
    private readonly ITokenSource _source;
    private readonly ITokenCache _cache;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly TimeSpan _refreshMargin;
    private readonly TimeSpan _defaultLifetime;
    private readonly TimeSpan _maximumLifetime;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan _failureBackoff;
    private readonly TimeSpan _maximumFailureBackoff;

    // The request, back-off and cache-write lock every provider of this key in this cache shares. Its flight is joined
    // while running; its token is reused while fresh (this closes the race between a caller's cache miss and the
    // request completing); it is never reused when it failed.
    private readonly SharedTokenRequest _shared;

    // A cache that can be read synchronously (the default in-memory one), when it reads the same clock: read on the hit
    // path (null otherwise), through the entry it holds for this provider's key, kept here while it holds a token.
    private readonly ISynchronousTokenCache? _synchronousCache;
    private ISynchronousTokenCacheEntry? _synchronousEntry;

    // When the last token seen is due for refresh, so that the hit path compares instead of recomputing.
    private RefreshInstant? _refreshInstant;

    // ForTarget: the operation this provider obtains tokens for (null for an unbound provider), and the bound providers
    // an unbound one has handed out, one per target, so that every caller of one target shares one token.
    private TokenTarget? _target;
    private System.Collections.Concurrent.ConcurrentDictionary<TokenTarget, TokenProvider>? _targets;

    // ForScopes: the scope set this provider requests (empty for an unbound provider), and the bound providers an
    // unbound one has handed out, one per canonical scope set.
    private string[] _scopes = Array.Empty<string>();
    private ConcurrentDictionary<string, TokenProvider>? _scoped;

    /// <summary>Creates a provider.</summary>
    /// <param name="cacheKey">The cache key, normally from <see cref="TokenCacheKey.Create"/>.</param>
    /// <param name="source">Where tokens come from.</param>
    /// <param name="cache">Where tokens are kept.</param>
    /// <param name="options">Expiry and refresh settings (copied: later changes have no effect).</param>
    /// <param name="timeProvider">The only clock the provider reads.</param>
    /// <param name="logger">Receives the events listed in <see cref="EventIds"/>.</param>
    public TokenProvider(
        string cacheKey,
        ITokenSource source,
        ITokenCache cache,
        TokenProviderOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        if (string.IsNullOrEmpty(cacheKey))
        {
            throw new ArgumentException("The cache key must not be empty.", nameof(cacheKey));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        _cacheKey = cacheKey;
        _keyPrefix = SecretMask.KeyPrefix(cacheKey);
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _clock = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _refreshMargin = options.RefreshMargin;
        _defaultLifetime = options.DefaultLifetime;
        _maximumLifetime = options.MaximumLifetime;
        _requestTimeout = options.TokenRequestTimeout;
        _failureBackoff = options.FailureBackoff;
        _maximumFailureBackoff = options.MaximumFailureBackoff;
        _shared = SharedTokenRequest.For(cache, cacheKey);
        _synchronousCache = cache is ISynchronousTokenCache synchronous && synchronous.ReadsClock(timeProvider) ? synchronous : null;
    }

    /// <summary>Returns a usable token: the cached one while it is fresh, else a new or refreshed one.</summary>
    /// <param name="cancellationToken">Stops this caller's wait; a shared request goes on for the others.</param>
    /// <returns>The token.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="TokenAcquisitionException">
    /// No token could be obtained (the cause is its inner exception, a <see cref="TimeoutException"/> when the shared
    /// request exceeded <see cref="TokenProviderOptions.TokenRequestTimeout"/>), or an earlier failure is within its back-off window.
    /// </exception>
    public ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        // The hit path of the default cache: one lookup, one clock read, one comparison, nothing allocated. A token
        // that is fresh by this clock is also unexpired by it, so the cache's own expiry check would agree.
        if (_synchronousCache is not null && !cancellationToken.IsCancellationRequested
            && PeekSynchronousCache() is { } peeked && IsFresh(peeked, _clock.GetUtcNow()))
        {
            RecordHit(peeked);
            return new ValueTask<AccessToken>(peeked);
        }

        return GetTokenSlowAsync(cancellationToken);
    }

    private AccessToken? PeekSynchronousCache()
    {
        if (Volatile.Read(ref _synchronousEntry)?.Token is { } token)
        {
            return token;
        }

        var entry = _synchronousCache!.FindEntry(_cacheKey);
        Volatile.Write(ref _synchronousEntry, entry);
        return entry?.Token;
    }

    private async ValueTask<AccessToken> GetTokenSlowAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cached = await ReadCacheAsync(cancellationToken).ConfigureAwait(false);
        if (cached is not null && IsFresh(cached, _clock.GetUtcNow()))
        {
            RecordHit(cached);
            return cached;
        }

        Task<AccessToken>? flight = null;
        TaskCompletionSource<AccessToken>? started = null;
        AccessToken? reused = null;
        AccessToken? stale = cached;
        TokenAcquisitionException? failFast = null;
        lock (_shared.Gate)
        {
            var current = _shared.Flight;

            // Caches drop a token at its expiry, refresh token and all; the last token this provider obtained still
            // carries a refresh token that is valid for much longer (FinCode: 30 days).
            if (stale is null && current is { Status: TaskStatus.RanToCompletion })
            {
                stale = current.Result;
            }

            if (current is not null && !current.IsCompleted)
            {
                flight = current;
            }
            else if (current is not null && current.Status == TaskStatus.RanToCompletion && IsFresh(current.Result, _clock.GetUtcNow()))
            {
                flight = current;
                reused = current.Result;
            }
            else if (_shared.FailFast(_clock.GetUtcNow()) is { } backingOff)
            {
                failFast = backingOff;
            }
            else
            {
                started = new TaskCompletionSource<AccessToken>(TaskCreationOptions.RunContinuationsAsynchronously);
                flight = _shared.Flight = started.Task;
            }
        }

        if (failFast is not null)
        {
            Log.TokenRequestBackingOff(_logger, _keyPrefix, failFast.RetryNotBefore!.Value);
            throw failFast;
        }

        if (reused is not null)
        {
            RecordHit(reused);
            return reused;
        }

        if (started is not null)
        {
            StartFlight(started, stale);
        }

        return await flight!.WaitWithCancellation(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops <paramref name="rejected"/> (after the server answered 401) if it is still the cached token; a token
    /// that has replaced it meanwhile stays. So many callers rejected with one stale token cause one new request.
    /// </summary>
    /// <param name="rejected">The token the server rejected.</param>
    /// <param name="cancellationToken">Cancels the invalidation.</param>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask InvalidateAsync(AccessToken rejected, CancellationToken cancellationToken)
    {
        if (rejected is null)
        {
            throw new ArgumentNullException(nameof(rejected));
        }

        await InvalidateAsync(token => SameToken(token, rejected), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="InvalidateAsync(AccessToken, CancellationToken)"/>, for the token that <paramref name="isRejected"/> recognises.</summary>
    internal async ValueTask InvalidateAsync(Func<AccessToken, bool> isRejected, CancellationToken cancellationToken)
    {
        lock (_shared.Gate)
        {
            if (_shared.Flight is { Status: TaskStatus.RanToCompletion } done && isRejected(done.Result))
            {
                _shared.Flight = null;
            }
        }

        await _shared.CacheWriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cached = await ReadCacheAsync(cancellationToken).ConfigureAwait(false);
            if (cached is null || !isRejected(cached))
            {
                Log.TokenInvalidationSkipped(_logger, _keyPrefix);
                return;
            }

            try
            {
                await _cache.RemoveAsync(_cacheKey, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.TokenCacheFailed(_logger, _keyPrefix, "remove", ex);
                return;
            }

            Log.TokenInvalidated(_logger, _keyPrefix);
        }
        finally
        {
            _shared.CacheWriteLock.Release();
        }
    }

    /// <summary>The operation this provider obtains tokens for, when it came from <see cref="ForTarget"/>; otherwise null.</summary>
    public TokenTarget? Target => _target;

    /// <summary>
    /// A provider of tokens obtained for one operation: its token requests carry <paramref name="target"/> in their
    /// <see cref="TokenRequestContext.Target"/>, and its tokens are cached under this provider's key extended with the
    /// target's path, because a server may tie a token to the service it was requested for (Faspay SendMe signs the token
    /// request over that service's path). The same target always gives the same provider, so its callers share one token.
    /// </summary>
    /// <param name="target">The operation the tokens are for.</param>
    /// <returns>The bound provider (cache, clock, options and source are this provider's).</returns>
    public TokenProvider ForTarget(TokenTarget target)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        if (_target is not null)
        {
            throw new InvalidOperationException("This provider is already bound to " + _target + ".");
        }

        var targets = Volatile.Read(ref _targets)
            ?? Interlocked.CompareExchange(ref _targets, new System.Collections.Concurrent.ConcurrentDictionary<TokenTarget, TokenProvider>(), null)
            ?? _targets!;
        // The path, not the operation id, keys the cache: it is what the token may be tied to.
        return targets.GetOrAdd(target, t => new TokenProvider(TokenCacheKey.Create("SpecClients.TokenTarget", _cacheKey, t.Path), _source, _cache, CopyOptions(), _clock, _logger)
        {
            _target = t,
            ApiName = ApiName,
            SchemeName = SchemeName,
            _coordinator = _coordinator,
        });
    }

    /// <summary>The scopes this provider's tokens are requested with, when it came from <see cref="ForScopes"/>; otherwise empty.</summary>
    public IReadOnlyList<string> Scopes => _scopes;

    /// <summary>
    /// A provider of tokens requested with one scope set: its token requests carry the scopes in
    /// <see cref="TokenRequestContext.Scopes"/>, and its tokens are cached under this provider's key extended with the
    /// canonical scope set, so that a token obtained for fewer scopes is never handed to a caller that needs more. The
    /// same set (in any order, with duplicates or as one space-separated string) always gives the same provider.
    /// </summary>
    /// <param name="scopes">The scopes; an empty set gives this provider itself.</param>
    /// <returns>The bound provider (cache, clock, options and source are this provider's).</returns>
    public TokenProvider ForScopes(IEnumerable<string> scopes)
    {
        if (scopes is null)
        {
            throw new ArgumentNullException(nameof(scopes));
        }

        var canonical = TokenCacheKey.CanonicalScopes(scopes);
        if (canonical.Length == 0)
        {
            return this;
        }

        if (_scopes.Length != 0 || _target is not null)
        {
            throw new InvalidOperationException("This provider is already bound to " + (_target?.ToString() ?? string.Join(" ", _scopes)) + ".");
        }

        var bound = Volatile.Read(ref _scoped)
            ?? Interlocked.CompareExchange(ref _scoped, new ConcurrentDictionary<string, TokenProvider>(StringComparer.Ordinal), null)
            ?? _scoped!;
        return bound.GetOrAdd(string.Join(" ", canonical), set => new TokenProvider(
            TokenCacheKey.Create("SpecClients.TokenScopes", _cacheKey, set), new ScopedTokenSource(_source, canonical), _cache, CopyOptions(), _clock, _logger)
        {
            _scopes = canonical,
            ApiName = ApiName,
            SchemeName = SchemeName,
            _coordinator = _coordinator,
        });
    }

    /// <summary>This provider's settings, for a provider bound to a target or a scope set.</summary>
    private TokenProviderOptions CopyOptions() => new()
    {
        RefreshMargin = _refreshMargin,
        DefaultLifetime = _defaultLifetime,
        MaximumLifetime = _maximumLifetime,
        TokenRequestTimeout = _requestTimeout,
        FailureBackoff = _failureBackoff,
        MaximumFailureBackoff = _maximumFailureBackoff,
    };

    /// <summary>The API whose token this is, for <see cref="TokenAcquisitionException"/>; set by <see cref="AuthServices"/>.</summary>
    internal string? ApiName { get; set; }

    /// <summary>The security scheme whose token this is, for <see cref="TokenAcquisitionException"/>; set by <see cref="AuthServices"/>.</summary>
    internal string? SchemeName { get; set; }

    /// <summary>Describes the provider by the start of its cache key.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => "TokenProvider { CacheKey = " + _keyPrefix + " }";

    /// <summary>When a token is due for replacement: <c>ExpiresAt - RefreshMargin</c>, but not before half its lifetime.</summary>
    internal DateTimeOffset RefreshAt(AccessToken token)
    {
        var expiresAt = token.ExpiresAt ?? TokenExpiry.AddSaturating(token.IssuedAt, _defaultLifetime);
        var byMargin = TokenExpiry.AddSaturating(expiresAt, _refreshMargin.Negate());
        if (expiresAt > token.IssuedAt)
        {
            var halfway = TokenExpiry.AddSaturating(token.IssuedAt, TimeSpan.FromTicks((expiresAt - token.IssuedAt).Ticks / 2));
            if (halfway > byMargin)
            {
                return halfway;
            }
        }

        return byMargin;
    }

    private static bool SameToken(AccessToken a, AccessToken b) => string.Equals(a.Value, b.Value, StringComparison.Ordinal);

    // RefreshAt is never later than ExpiresAt, so "before RefreshAt" also means "not expired".
    private bool IsFresh(AccessToken token, DateTimeOffset now)
    {
        var known = Volatile.Read(ref _refreshInstant);
        if (known is null || !known.IsFor(token))
        {
            known = new RefreshInstant(token, RefreshAt(token));
            Volatile.Write(ref _refreshInstant, known);
        }

        return now < known.At;
    }

    // Runs off the caller's thread and with its own cancellation: the caller that started it may leave. A method of its
    // own, so that the closure is allocated only when a request starts, not on every call of GetTokenAsync.
    private void StartFlight(TaskCompletionSource<AccessToken> started, AccessToken? stale) =>
        _ = Task.Run(() => RunFlightAsync(started, stale));

    private void RecordHit(AccessToken token)
    {
        AuthTelemetry.RecordCacheHit();
        Log.TokenCacheHit(_logger, _keyPrefix, token.ExpiresAt ?? DateTimeOffset.MaxValue);
    }

    private async Task RunFlightAsync(TaskCompletionSource<AccessToken> completion, AccessToken? stale)
    {
        try
        {
            var token = await AcquireCoordinatedAsync(stale).ConfigureAwait(false);
            lock (_shared.Gate)
            {
                _shared.RecordSuccess();
            }

            completion.TrySetResult(token);
        }
        catch (Exception ex)
        {
            // AcquireAsync describes every failure; anything else would be a bug here, and must still end the flight.
            var failure = ex as TokenAcquisitionException ?? Failed(ex);

            // Recorded before the flight completes, so a caller who finds it failed also finds the back-off.
            lock (_shared.Gate)
            {
                _shared.RecordFailure(failure, _clock.GetUtcNow(), _failureBackoff, _maximumFailureBackoff);
            }

            completion.TrySetException(failure);
            _ = completion.Task.Exception; // observed here, so no waiter is needed to observe it
        }
    }

    private async Task<AccessToken> AcquireAsync(AccessToken? stale)
    {
        using var timeout = TaskWaiting.CreateTimeoutSource(_clock, _requestTimeout);
        var cancellationToken = timeout?.Token ?? CancellationToken.None;
        try
        {
            AccessToken issued;
            if (stale?.RefreshToken is { } refreshToken)
            {
                try
                {
                    issued = await RequestAsync(refreshToken, cancellationToken).ConfigureAwait(false);
                    if (issued.RefreshToken is null)
                    {
                        issued = issued.WithRefreshToken(refreshToken); // RFC 6749 §6: the old one stays valid
                    }

                    Log.TokenRefreshed(_logger, _keyPrefix);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.TokenRefreshFailed(_logger, _keyPrefix, ex);
                    issued = await RequestAsync(null, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                issued = await RequestAsync(null, cancellationToken).ConfigureAwait(false);
            }

            return await StoreAsync(issued, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw Failed(new TimeoutException(
                "The token request did not complete within the TokenRequestTimeout of " + _requestTimeout + ".", ex));
        }
        catch (Exception ex)
        {
            throw Failed(ex);
        }
    }

    private TokenAcquisitionException Failed(Exception cause)
    {
        var failure = TokenFailures.Describe(cause, ApiName ?? nameof(TokenProvider), SchemeName);
        Log.TokenRequestFailed(_logger, _keyPrefix, failure);
        return failure;
    }

    private async Task<AccessToken> RequestAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        var isRefresh = refreshToken is not null;
        using var activity = AuthTelemetry.ActivitySource.StartActivity(SpecClientsTelemetry.TokenRequestActivityName, ActivityKind.Internal);
        activity?.SetTag(SpecClientsTelemetry.RefreshTagName, isRefresh);
        Log.TokenRequested(_logger, _keyPrefix, isRefresh);
        try
        {
            var token = await _source.RequestTokenAsync(new TokenRequestContext(refreshToken, _clock, _target), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The token source returned no token.");
            AuthTelemetry.RecordRequest(isRefresh, succeeded: true);
            activity?.SetTag(SpecClientsTelemetry.OutcomeTagName, SpecClientsTelemetry.OutcomeSuccess);
            return token;
        }
        catch (Exception ex)
        {
            AuthTelemetry.RecordRequest(isRefresh, succeeded: false);
            activity?.SetTag(SpecClientsTelemetry.OutcomeTagName, SpecClientsTelemetry.OutcomeFailure);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private async Task<AccessToken> StoreAsync(AccessToken issued, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var expiresAt = issued.ExpiresAt ?? TokenExpiry.FromJwt(issued.Value) ?? TokenExpiry.AddSaturating(now, _defaultLifetime);
        var maximum = TokenExpiry.AddSaturating(now, _maximumLifetime);
        if (expiresAt > maximum)
        {
            Log.TokenExpiryClamped(_logger, _keyPrefix, expiresAt, _maximumLifetime, maximum);
            expiresAt = maximum;
        }

        var issuedAt = issued.IssuedAt > now ? now : issued.IssuedAt;
        var token = new AccessToken(issued.Value, expiresAt, issued.RefreshToken, issuedAt);
        if (expiresAt <= now)
        {
            Log.TokenAlreadyExpired(_logger, _keyPrefix, expiresAt);
            return token;
        }

        await _shared.CacheWriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _cache.SetAsync(_cacheKey, token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TokenCacheFailed(_logger, _keyPrefix, "store", ex);
        }
        finally
        {
            _shared.CacheWriteLock.Release();
        }

        Log.TokenAcquired(_logger, _keyPrefix, expiresAt);
        return token;
    }

    /// <summary>The refresh instant of one token, identified by what it depends on (not by reference: a distributed cache reads a new instance each time).</summary>
    private sealed class RefreshInstant
    {
        private readonly AccessToken _token;

        public RefreshInstant(AccessToken token, DateTimeOffset at)
        {
            _token = token;
            At = at;
        }

        public DateTimeOffset At { get; }

        public bool IsFor(AccessToken token) =>
            ReferenceEquals(token, _token) || (token.IssuedAt == _token.IssuedAt && Nullable.Equals(token.ExpiresAt, _token.ExpiresAt));
    }

    private async ValueTask<AccessToken?> ReadCacheAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _cache.GetAsync(_cacheKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TokenCacheFailed(_logger, _keyPrefix, "read", ex);
            return null;
        }
    }
}
