using System;
using System.Collections.Generic;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth;

/// <summary>What a <see cref="ITokenSource"/> is given for one token request.</summary>
public sealed class TokenRequestContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="refreshToken">The refresh token of the token being replaced, if it has one.</param>
    /// <param name="clock">The clock to stamp and compute expiries with; <see cref="TimeProvider.System"/> if null.</param>
    /// <param name="target">The operation the token is for (see <see cref="TokenProvider.ForTarget"/>), or null.</param>
    public TokenRequestContext(string? refreshToken = null, TimeProvider? clock = null, TokenTarget? target = null)
    {
        RefreshToken = string.IsNullOrEmpty(refreshToken) ? null : refreshToken;
        Clock = clock ?? TimeProvider.System;
        Target = target;
    }

    /// <summary>
    /// The operation the token is obtained for, when the provider is bound to one (<see cref="TokenProvider.ForTarget"/>);
    /// generated clients hand it to the signer of the token request as <see cref="RequestSigningContext.TokenTarget"/>.
    /// </summary>
    public TokenTarget? Target { get; }

    /// <summary>
    /// The scopes the token is requested with, in canonical form (distinct, sorted ordinally), when the provider is bound
    /// to a scope set (<see cref="TokenProvider.ForScopes"/>): generated clients request, per operation, the scopes its
    /// security requirement lists. Empty when the provider is not bound to scopes.
    /// </summary>
    public IReadOnlyList<string> Scopes { get; private set; } = Array.Empty<string>();

    /// <summary>
    /// <see cref="Scopes"/> as the space-separated <c>scope</c> parameter of an OAuth2 token request (RFC 6749 §3.3), or
    /// null when there are none.
    /// </summary>
    public string? Scope => Scopes.Count == 0 ? null : string.Join(" ", Scopes);

    /// <summary>
    /// Set when the token being replaced came with a refresh token: the source may use it (a refresh grant) instead
    /// of the original credentials. If that attempt throws, the provider asks again once without it.
    /// </summary>
    public string? RefreshToken { get; }

    /// <summary>Whether this request is a refresh (a refresh token is available).</summary>
    public bool IsRefresh => RefreshToken is not null;

    /// <summary>The clock of the provider; use it for <see cref="AccessToken.IssuedAt"/> and relative expiries.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Creates a token stamped with the current time of <see cref="Clock"/>.</summary>
    /// <param name="value">The token.</param>
    /// <param name="expiresAt">Its expiry, if known (see <see cref="TokenExpiry"/>).</param>
    /// <param name="refreshToken">The refresh token issued with it, if any.</param>
    /// <returns>The token.</returns>
    public AccessToken CreateToken(string value, DateTimeOffset? expiresAt = null, string? refreshToken = null) =>
        new(value, expiresAt, refreshToken, Clock.GetUtcNow());

    /// <summary>Describes the context without revealing the refresh token.</summary>
    /// <returns>A masked description.</returns>
    public override string ToString() =>
        "TokenRequestContext { RefreshToken = " + (RefreshToken is null ? "none" : SecretMask.Hidden)
        + (Target is null ? string.Empty : ", Target = " + Target)
        + (Scopes.Count == 0 ? string.Empty : ", Scopes = " + Scope)
        + " }";

    /// <summary>This context with <paramref name="canonicalScopes"/> (from <see cref="TokenCacheKey.CanonicalScopes"/>) as its scopes.</summary>
    internal TokenRequestContext WithScopes(string[] canonicalScopes) =>
        new(RefreshToken, Clock, Target) { Scopes = canonicalScopes };
}
