using Microsoft.Extensions.Logging;

namespace SpecClients.Runtime.Auth;

/// <summary>The event ids the token lifecycle logs with (block 3100–3199). No event carries a token or secret.</summary>
public static class EventIds
{
    /// <summary>A new token is being requested from the source (Debug).</summary>
    public static readonly EventId TokenRequested = new(3101, nameof(TokenRequested));

    /// <summary>A cached token was reused (Debug).</summary>
    public static readonly EventId TokenCacheHit = new(3102, nameof(TokenCacheHit));

    /// <summary>A token was obtained and cached (Information).</summary>
    public static readonly EventId TokenAcquired = new(3103, nameof(TokenAcquired));

    /// <summary>A token was replaced using its refresh token (Information).</summary>
    public static readonly EventId TokenRefreshed = new(3104, nameof(TokenRefreshed));

    /// <summary>A refresh attempt failed; a fresh request follows (Warning).</summary>
    public static readonly EventId TokenRefreshFailed = new(3105, nameof(TokenRefreshFailed));

    /// <summary>A token request failed or timed out; nothing was cached (Error).</summary>
    public static readonly EventId TokenRequestFailed = new(3106, nameof(TokenRequestFailed));

    /// <summary>A token the server rejected was dropped from the cache (Information).</summary>
    public static readonly EventId TokenInvalidated = new(3107, nameof(TokenInvalidated));

    /// <summary>A rejected token was no longer the cached one; nothing was dropped (Debug).</summary>
    public static readonly EventId TokenInvalidationSkipped = new(3108, nameof(TokenInvalidationSkipped));

    /// <summary>A token's expiry lay beyond the maximum lifetime and was clamped (Warning).</summary>
    public static readonly EventId TokenExpiryClamped = new(3109, nameof(TokenExpiryClamped));

    /// <summary>A token arrived already expired: used once, not cached (Warning).</summary>
    public static readonly EventId TokenAlreadyExpired = new(3110, nameof(TokenAlreadyExpired));

    /// <summary>The token cache failed; the provider carried on without it (Warning).</summary>
    public static readonly EventId TokenCacheFailed = new(3111, nameof(TokenCacheFailed));

    /// <summary>
    /// A caller failed fast without a request: the last token request for the same credentials failed and its back-off
    /// (<see cref="TokenProviderOptions.FailureBackoff"/>) has not run out (Debug).
    /// </summary>
    public static readonly EventId TokenRequestBackingOff = new(3112, nameof(TokenRequestBackingOff));
}
