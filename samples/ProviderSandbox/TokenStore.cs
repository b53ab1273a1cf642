using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SpecClients.Samples.Sandbox;

/// <summary>What a token lookup found.</summary>
internal enum TokenStatus
{
    /// <summary>Issued, not revoked, not expired.</summary>
    Valid,

    /// <summary>Issued, but its expiry has passed on the sandbox clock.</summary>
    Expired,

    /// <summary>Missing, never issued, or revoked.</summary>
    Unknown,
}

/// <summary>
/// The tokens issued by the sandbox, one pool per name (a provider, or e.g. <c>fincode-refresh</c>), with expiry taken
/// from the <see cref="TimeProvider"/>. Token values are never logged.
/// </summary>
internal sealed class TokenStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DateTimeOffset>> _pools =
        new(StringComparer.Ordinal);

    /// <summary>The sandbox clock.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A random token of <paramref name="byteCount"/> bytes from <see cref="RandomNumberGenerator"/>, base64url.</summary>
    public static string NewRandomToken(int byteCount = 32) =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(byteCount));

    /// <summary>Records <paramref name="token"/> in <paramref name="pool"/>, valid until now + <paramref name="lifetime"/>.</summary>
    /// <returns>The expiry instant.</returns>
    public DateTimeOffset Add(string pool, string token, TimeSpan lifetime)
    {
        DateTimeOffset expires = Now + lifetime;
        Pool(pool)[token] = expires;
        return expires;
    }

    /// <summary>Looks <paramref name="token"/> up in <paramref name="pool"/>.</summary>
    public TokenStatus Check(string pool, string? token)
    {
        if (string.IsNullOrEmpty(token) || !Pool(pool).TryGetValue(token, out DateTimeOffset expires))
        {
            return TokenStatus.Unknown;
        }

        return Now < expires ? TokenStatus.Valid : TokenStatus.Expired;
    }

    /// <summary>
    /// Forgets every token of <paramref name="pool"/> and of its sub-pools (<c>pool:…</c>, e.g. Faspay's tokens per
    /// service path): they become <see cref="TokenStatus.Unknown"/>.
    /// </summary>
    public void RevokeAll(string pool)
    {
        Pool(pool).Clear();
        foreach (var entry in _pools)
        {
            if (entry.Key.StartsWith(pool + ":", StringComparison.Ordinal))
            {
                entry.Value.Clear();
            }
        }
    }

    private ConcurrentDictionary<string, DateTimeOffset> Pool(string name) =>
        _pools.GetOrAdd(name, static _ => new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
}
