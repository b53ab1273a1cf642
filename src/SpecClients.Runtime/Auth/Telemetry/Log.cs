using System;
using Microsoft.Extensions.Logging;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>Pre-compiled log messages. Arguments are cache key prefixes, times and flags: never a token or secret.</summary>
internal static class Log
{
    private static readonly Action<ILogger, string, bool, Exception?> TokenRequestedMessage =
        LoggerMessage.Define<string, bool>(LogLevel.Debug, EventIds.TokenRequested,
            "Requesting a token for cache key {CacheKeyPrefix} (refresh: {IsRefresh})");

    private static readonly Action<ILogger, string, DateTimeOffset, Exception?> TokenCacheHitMessage =
        LoggerMessage.Define<string, DateTimeOffset>(LogLevel.Debug, EventIds.TokenCacheHit,
            "Using the cached token for cache key {CacheKeyPrefix}, expiring at {ExpiresAt:O}");

    private static readonly Action<ILogger, string, DateTimeOffset, Exception?> TokenAcquiredMessage =
        LoggerMessage.Define<string, DateTimeOffset>(LogLevel.Information, EventIds.TokenAcquired,
            "Acquired a token for cache key {CacheKeyPrefix}, expiring at {ExpiresAt:O}");

    private static readonly Action<ILogger, string, Exception?> TokenRefreshedMessage =
        LoggerMessage.Define<string>(LogLevel.Information, EventIds.TokenRefreshed,
            "Refreshed the token for cache key {CacheKeyPrefix} with its refresh token");

    private static readonly Action<ILogger, string, Exception?> TokenRefreshFailedMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, EventIds.TokenRefreshFailed,
            "Refreshing the token for cache key {CacheKeyPrefix} failed; requesting a new token without the refresh token");

    private static readonly Action<ILogger, string, Exception?> TokenRequestFailedMessage =
        LoggerMessage.Define<string>(LogLevel.Error, EventIds.TokenRequestFailed,
            "Requesting a token for cache key {CacheKeyPrefix} failed; nothing was cached");

    private static readonly Action<ILogger, string, Exception?> TokenInvalidatedMessage =
        LoggerMessage.Define<string>(LogLevel.Information, EventIds.TokenInvalidated,
            "Dropped the cached token for cache key {CacheKeyPrefix} after the server rejected it");

    private static readonly Action<ILogger, string, Exception?> TokenInvalidationSkippedMessage =
        LoggerMessage.Define<string>(LogLevel.Debug, EventIds.TokenInvalidationSkipped,
            "The rejected token for cache key {CacheKeyPrefix} is no longer the cached one; nothing to drop");

    private static readonly Action<ILogger, string, DateTimeOffset, TimeSpan, DateTimeOffset, Exception?> TokenExpiryClampedMessage =
        LoggerMessage.Define<string, DateTimeOffset, TimeSpan, DateTimeOffset>(LogLevel.Warning, EventIds.TokenExpiryClamped,
            "The token for cache key {CacheKeyPrefix} claims to expire at {ExpiresAt:O}, beyond the maximum lifetime of {MaximumLifetime}; treating it as expiring at {ClampedExpiresAt:O}");

    private static readonly Action<ILogger, string, DateTimeOffset, Exception?> TokenAlreadyExpiredMessage =
        LoggerMessage.Define<string, DateTimeOffset>(LogLevel.Warning, EventIds.TokenAlreadyExpired,
            "The token for cache key {CacheKeyPrefix} arrived already expired (at {ExpiresAt:O}); using it once without caching it");

    private static readonly Action<ILogger, string, string, Exception?> TokenCacheFailedMessage =
        LoggerMessage.Define<string, string>(LogLevel.Warning, EventIds.TokenCacheFailed,
            "The token cache failed to {Operation} the entry for cache key {CacheKeyPrefix}; carrying on without it");

    private static readonly Action<ILogger, string, DateTimeOffset, Exception?> TokenRequestBackingOffMessage =
        LoggerMessage.Define<string, DateTimeOffset>(LogLevel.Debug, EventIds.TokenRequestBackingOff,
            "The last token request for cache key {CacheKeyPrefix} failed; failing fast without a request until {RetryNotBefore:O}");

    public static void TokenRequested(ILogger logger, string keyPrefix, bool isRefresh) => TokenRequestedMessage(logger, keyPrefix, isRefresh, null);

    public static void TokenCacheHit(ILogger logger, string keyPrefix, DateTimeOffset expiresAt) => TokenCacheHitMessage(logger, keyPrefix, expiresAt, null);

    public static void TokenAcquired(ILogger logger, string keyPrefix, DateTimeOffset expiresAt) => TokenAcquiredMessage(logger, keyPrefix, expiresAt, null);

    public static void TokenRefreshed(ILogger logger, string keyPrefix) => TokenRefreshedMessage(logger, keyPrefix, null);

    public static void TokenRefreshFailed(ILogger logger, string keyPrefix, Exception exception) => TokenRefreshFailedMessage(logger, keyPrefix, exception);

    public static void TokenRequestFailed(ILogger logger, string keyPrefix, Exception exception) => TokenRequestFailedMessage(logger, keyPrefix, exception);

    public static void TokenInvalidated(ILogger logger, string keyPrefix) => TokenInvalidatedMessage(logger, keyPrefix, null);

    public static void TokenInvalidationSkipped(ILogger logger, string keyPrefix) => TokenInvalidationSkippedMessage(logger, keyPrefix, null);

    public static void TokenExpiryClamped(ILogger logger, string keyPrefix, DateTimeOffset expiresAt, TimeSpan maximumLifetime, DateTimeOffset clamped) =>
        TokenExpiryClampedMessage(logger, keyPrefix, expiresAt, maximumLifetime, clamped, null);

    public static void TokenAlreadyExpired(ILogger logger, string keyPrefix, DateTimeOffset expiresAt) => TokenAlreadyExpiredMessage(logger, keyPrefix, expiresAt, null);

    public static void TokenRequestBackingOff(ILogger logger, string keyPrefix, DateTimeOffset retryNotBefore) =>
        TokenRequestBackingOffMessage(logger, keyPrefix, retryNotBefore, null);

    public static void TokenCacheFailed(ILogger logger, string keyPrefix, string operation, Exception exception) =>
        TokenCacheFailedMessage(logger, keyPrefix, operation, exception);
}
