using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>
/// One alternative of an operation's <c>security</c> list: schemes that must all apply. Empty means anonymous
/// access is allowed (OpenAPI's <c>{}</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SecurityRequirement
{
    /// <summary>Creates a requirement.</summary>
    /// <param name="schemeNames">The schemes that must all apply.</param>
    public SecurityRequirement(params string[] schemeNames)
        : this((IEnumerable<string>)(schemeNames ?? throw new ArgumentNullException(nameof(schemeNames))))
    {
    }

    /// <summary>Creates a requirement.</summary>
    /// <param name="schemeNames">The schemes that must all apply.</param>
    public SecurityRequirement(IEnumerable<string> schemeNames)
    {
        if (schemeNames is null)
        {
            throw new ArgumentNullException(nameof(schemeNames));
        }

        var names = new List<string>();
        foreach (var name in schemeNames)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A security scheme name must not be empty.", nameof(schemeNames));
            }

            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        SchemeNames = names.AsReadOnly();
    }

    // The scopes each scheme needs (OpenAPI: the requirement's value list), canonical; only schemes that list some.
    private Dictionary<string, string[]>? _scopes;

    /// <summary>The requirement that needs no scheme.</summary>
    public static SecurityRequirement Anonymous { get; } = new();

    /// <summary>The schemes that must all apply, in specification order.</summary>
    public IReadOnlyList<string> SchemeNames { get; }

    /// <summary>
    /// This requirement with the scopes an OAuth2 scheme needs (the list OpenAPI gives the scheme in the requirement);
    /// a token for exactly that scope set is requested and sent.
    /// </summary>
    /// <param name="schemeName">One of <see cref="SchemeNames"/>.</param>
    /// <param name="scopes">The scopes.</param>
    /// <returns>A new requirement; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="schemeName"/> is not one of this requirement's schemes.</exception>
    public SecurityRequirement WithScopes(string schemeName, params string[] scopes)
    {
        if (schemeName is null || !((ICollection<string>)SchemeNames).Contains(schemeName))
        {
            throw new ArgumentException("The requirement " + this + " has no scheme '" + schemeName + "'.", nameof(schemeName));
        }

        var copy = new SecurityRequirement(SchemeNames);
        copy._scopes = _scopes is null
            ? new Dictionary<string, string[]>(StringComparer.Ordinal)
            : new Dictionary<string, string[]>(_scopes, StringComparer.Ordinal);
        copy._scopes[schemeName] = TokenCacheKey.CanonicalScopes(scopes ?? throw new ArgumentNullException(nameof(scopes)));
        return copy;
    }

    /// <summary>The scopes <paramref name="schemeName"/> needs in this requirement, canonical (distinct, sorted); empty for none.</summary>
    /// <param name="schemeName">The scheme.</param>
    /// <returns>The scopes.</returns>
    public IReadOnlyList<string> GetScopes(string schemeName) =>
        schemeName is not null && _scopes is not null && _scopes.TryGetValue(schemeName, out var scopes) ? scopes : Array.Empty<string>();

    /// <summary>Lists the schemes and their scopes, e.g. <c>[apiKey, oauth (read write)]</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var schemes = new List<string>(SchemeNames.Count);
        foreach (var name in SchemeNames)
        {
            var scopes = GetScopes(name);
            schemes.Add(scopes.Count == 0 ? name : name + " (" + string.Join(" ", scopes) + ")");
        }

        return "[" + string.Join(", ", schemes) + "]";
    }
}
