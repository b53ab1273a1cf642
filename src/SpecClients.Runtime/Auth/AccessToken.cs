using System;
using System.Globalization;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// An access token as issued by a token endpoint, together with the refresh token and expiry that came with it.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> never shows <see cref="Value"/> or <see cref="RefreshToken"/>: at most the first four
/// characters of a long access token are shown, a refresh token always appears as <c>***</c>.
/// </remarks>
public sealed class AccessToken
{
    /// <summary>Creates a token.</summary>
    /// <param name="value">The token itself, as it is to be sent.</param>
    /// <param name="expiresAt">When the token expires, if the issuer said so; <see langword="null"/> when unknown.</param>
    /// <param name="refreshToken">A refresh token issued with it, if any.</param>
    /// <param name="issuedAt">When the token was received (read from the <see cref="TimeProvider"/> in use).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public AccessToken(string value, DateTimeOffset? expiresAt, string? refreshToken, DateTimeOffset issuedAt)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException("An access token must not be empty.", nameof(value));
        }

        Value = value;
        ExpiresAt = expiresAt;
        RefreshToken = string.IsNullOrEmpty(refreshToken) ? null : refreshToken;
        IssuedAt = issuedAt;
    }

    /// <summary>The token, as it is to be sent (without any scheme prefix that the authenticator adds).</summary>
    public string Value { get; }

    /// <summary>When the token expires; <see langword="null"/> when the issuer did not say.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The refresh token issued with this token, if any.</summary>
    public string? RefreshToken { get; }

    /// <summary>When the token was received.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>Returns a copy of this token with another expiry.</summary>
    /// <param name="expiresAt">The new expiry.</param>
    /// <returns>The copy.</returns>
    public AccessToken WithExpiresAt(DateTimeOffset? expiresAt) => new(Value, expiresAt, RefreshToken, IssuedAt);

    /// <summary>Returns a copy of this token with another refresh token.</summary>
    /// <param name="refreshToken">The new refresh token.</param>
    /// <returns>The copy.</returns>
    public AccessToken WithRefreshToken(string? refreshToken) => new(Value, ExpiresAt, refreshToken, IssuedAt);

    /// <summary>Whether the token has a known expiry at or before <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> if the token has expired.</returns>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt.HasValue && ExpiresAt.Value <= now;

    /// <summary>Describes the token without revealing it.</summary>
    /// <returns>A masked description.</returns>
    public override string ToString()
    {
        var expires = ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "unknown";
        var refresh = RefreshToken is null ? "none" : SecretMask.Hidden;
        return "AccessToken { Value = " + SecretMask.Mask(Value)
            + ", ExpiresAt = " + expires
            + ", RefreshToken = " + refresh
            + ", IssuedAt = " + IssuedAt.ToString("O", CultureInfo.InvariantCulture) + " }";
    }
}
