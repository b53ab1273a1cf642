using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace SpecClients.Runtime.Auth;

/// <summary>Builds cache keys from which no secret can be read back.</summary>
public static class TokenCacheKey
{
    private static readonly char[] ScopeSeparators = { ' ', '\t', '\r', '\n' };

    /// <summary>
    /// The lowercase hexadecimal SHA-256 of the parts. Each part is length-prefixed (and <see langword="null"/> is told
    /// apart from empty), so <c>("ab", "c")</c> and <c>("a", "bc")</c> give different keys.
    /// </summary>
    /// <param name="clientName">The generated client, e.g. <c>FincodeClient</c>.</param>
    /// <param name="schemeName">The security scheme, as named in the specification.</param>
    /// <param name="credentialParts">Whatever tells credentials apart: client id, user name, secret, base URL…</param>
    /// <returns>64 lowercase hexadecimal characters.</returns>
    public static string Create(string clientName, string schemeName, params string?[] credentialParts)
    {
        if (clientName is null)
        {
            throw new ArgumentNullException(nameof(clientName));
        }

        if (schemeName is null)
        {
            throw new ArgumentNullException(nameof(schemeName));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "SpecClients.TokenCacheKey/1");
        Append(hash, clientName);
        Append(hash, schemeName);
        foreach (var part in credentialParts ?? Array.Empty<string?>())
        {
            Append(hash, part);
        }

        var digest = hash.GetHashAndReset();
        var hex = new StringBuilder(digest.Length * 2);
        foreach (var b in digest)
        {
            hex.Append("0123456789abcdef"[b >> 4]).Append("0123456789abcdef"[b & 0xF]);
        }

        return hex.ToString();
    }

    /// <summary>
    /// A scope set in one canonical form, so that <c>"b a"</c>, <c>["a", "b"]</c> and <c>["b", "a", "a"]</c> name one
    /// token: split at white space (RFC 6749 §3.3 scope tokens contain none), without empty entries, distinct and sorted
    /// ordinally.
    /// </summary>
    /// <param name="scopes">The scopes, each possibly a space-separated list; null for none.</param>
    /// <returns>The canonical set; empty for none.</returns>
    internal static string[] CanonicalScopes(IEnumerable<string?>? scopes)
    {
        if (scopes is null)
        {
            return Array.Empty<string>();
        }

        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in scopes)
        {
            foreach (var scope in (item ?? string.Empty).Split(ScopeSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                set.Add(scope);
            }
        }

        if (set.Count == 0)
        {
            return Array.Empty<string>();
        }

        var canonical = new string[set.Count];
        set.CopyTo(canonical);
        return canonical;
    }

    private static void Append(IncrementalHash hash, string? part)
    {
        if (part is null)
        {
            hash.AppendData(new byte[] { 0 });
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(part);
        var length = BitConverter.GetBytes(bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            Array.Reverse(length);
        }

        hash.AppendData(new byte[] { 1 });
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
