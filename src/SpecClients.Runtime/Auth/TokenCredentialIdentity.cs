using System;
using System.Collections.Generic;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// What tells the credentials behind one token apart from another's: hashed into the token's cache key and never
/// stored, so two tenants, or a sandbox and the live host, never share a token. Generated <c>{Client}Auth</c> classes
/// fill it from the client's options and pass it to <see cref="AuthServices.CreateProvider(string, string, ITokenSource, TokenProviderOptions, TokenCredentialIdentity)"/>.
/// </summary>
public sealed class TokenCredentialIdentity
{
    /// <summary>The client's base address, when one is set: where the token is valid.</summary>
    public string? BaseAddress { get; set; }

    /// <summary>The spec's server the client uses, when the spec lists servers.</summary>
    public string? Server { get; set; }

    /// <summary>The values of the spec's server variables, in the order the spec gives them.</summary>
    public IReadOnlyList<string?> ServerVariables { get; set; } = Array.Empty<string?>();

    /// <summary>Who the request signer signs for, when requests are signed.</summary>
    public string? Signer { get; set; }

    /// <summary>The static credentials of the schemes the token request itself uses (API keys, user names, passwords).</summary>
    public IReadOnlyList<string?> Credentials { get; set; } = Array.Empty<string?>();

    /// <summary>What the token request sends: the token operation's body, or the OAuth2 client, scope and resource owner.</summary>
    public IReadOnlyList<string?> TokenRequest { get; set; } = Array.Empty<string?>();

    /// <summary>The parts hashed by <see cref="TokenCacheKey.Create"/>, each in its fixed place.</summary>
    internal string?[] ToParts()
    {
        var parts = new List<string?> { BaseAddress, Server };
        parts.AddRange(ServerVariables ?? Array.Empty<string?>());
        parts.Add(Signer);
        parts.AddRange(Credentials ?? Array.Empty<string?>());
        parts.AddRange(TokenRequest ?? Array.Empty<string?>());
        return parts.ToArray();
    }
}
