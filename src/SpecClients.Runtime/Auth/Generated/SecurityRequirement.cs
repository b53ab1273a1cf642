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

    /// <summary>The requirement that needs no scheme.</summary>
    public static SecurityRequirement Anonymous { get; } = new();

    /// <summary>The schemes that must all apply, in specification order.</summary>
    public IReadOnlyList<string> SchemeNames { get; }

    /// <summary>Lists the schemes, e.g. <c>[apiKey, signature]</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => "[" + string.Join(", ", SchemeNames) + "]";
}
