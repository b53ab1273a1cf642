using System;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SpecClients.Runtime.Auth;

/// <summary>The bytes a token is stored as outside the process: its JSON entry, encrypted when there is a protector.</summary>
internal static class TokenCacheEntry
{
    public static byte[] Write(AccessToken token, IDataProtector? protector)
    {
        var json = DistributedTokenCache.Serialize(token);
        return protector is null ? json : protector.Protect(json);
    }

    /// <summary>The token, or <see langword="null"/> for an entry that is malformed or cannot be decrypted.</summary>
    public static AccessToken? Read(byte[]? bytes, IDataProtector? protector)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        if (protector is null)
        {
            return DistributedTokenCache.Deserialize(bytes);
        }

        byte[] json;
        try
        {
            json = protector.Unprotect(bytes);
        }
        catch (CryptographicException)
        {
            // Written in clear, or under a key ring this process does not have: a miss, replaced by the next token.
            return null;
        }

        return DistributedTokenCache.Deserialize(json);
    }
}
