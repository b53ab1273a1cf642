using System;
using Microsoft.AspNetCore.DataProtection;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// Options of the token caches that keep entries outside this process: <see cref="DistributedTokenCache"/> and
/// <see cref="HybridTokenCache"/>. Each entry holds a live access token and its refresh token.
/// </summary>
public sealed class TokenCacheOptions
{
    /// <summary>
    /// The purpose the registration methods create their <see cref="IDataProtector"/> with, from the registered
    /// <see cref="IDataProtectionProvider"/>. Every process that shares the cache must use the same purpose and key ring.
    /// </summary>
    public const string DataProtectionPurpose = "SpecClients.Runtime.Auth.TokenCache.v1";

    /// <summary>Put before every key, to keep these entries apart from others in the same store. Default: <c>SpecClients:token:</c>.</summary>
    public string KeyPrefix { get; set; } = DistributedTokenCache.DefaultKeyPrefix;

    /// <summary>
    /// Encrypts entries at rest when set: the store then holds no token in clear. An entry that cannot be decrypted
    /// (another key ring, an entry written in clear before) reads as missing and is replaced by the next token.
    /// Default: <see langword="null"/>, entries stored as plain JSON.
    /// </summary>
    public IDataProtector? Protector { get; set; }

    /// <summary>
    /// For the registration methods (<c>AddSpecClientsDistributedTokenCache</c>, <c>AddSpecClientsHybridTokenCache</c>):
    /// when <see cref="Protector"/> is not set and an <see cref="IDataProtectionProvider"/> is registered, protect
    /// entries with a protector for <see cref="DataProtectionPurpose"/>. Default: <see langword="true"/>.
    /// </summary>
    public bool UseRegisteredDataProtection { get; set; } = true;

    /// <summary>The clock used to skip tokens that have already expired and to compute entry lifetimes. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
