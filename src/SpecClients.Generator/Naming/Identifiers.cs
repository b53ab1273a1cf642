using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SpecClients.Generator.Naming;

/// <summary>The one place that turns OpenAPI names into C# identifiers.</summary>
internal static class Identifiers
{
    // Roslyn rejects metadata names over 1024 UTF-8 bytes; leave room for nesting and suffixes.
    private const int MaxLength = 200;

    // Inline types are named by concatenating their parents' names, so deep nesting (Stripe's request bodies) grows
    // without bound: type names are capped well below the metadata limit, and hint names and file paths stay short.
    private const int MaxTypeNameLength = 120;

    /// <summary>PascalCase from any wire name: <c>api_key</c> → <c>ApiKey</c>, <c>faspay-sendme</c> → <c>FaspaySendme</c>.</summary>
    public static string Pascal(string name)
    {
        // The model names tens of thousands of members in one run: one builder per thread, not one per name.
        var builder = t_pascalBuilder ??= new StringBuilder(64);
        builder.Clear();
        var upperNext = true;
        var previousWasLower = false;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (upperNext)
                {
                    builder.Append(char.ToUpperInvariant(c));
                }
                else if (char.IsUpper(c) && !previousWasLower && builder.Length > 0 && !char.IsDigit(builder[builder.Length - 1]))
                {
                    // Runs of capitals (API_KEY, HTTPServer) read as words: keep the first, lower the rest.
                    builder.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    builder.Append(c);
                }

                previousWasLower = char.IsLower(c) || char.IsDigit(c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
                previousWasLower = false;
            }
        }

        var pascal = builder.Length == name.Length && IsSame(builder, name) ? name : builder.ToString();
        if (builder.Capacity > 1024)
        {
            // A very long name grew the builder: do not keep that memory for the thread's lifetime.
            t_pascalBuilder = null;
        }

        return Finish(pascal, "Value");
    }

    [System.ThreadStatic]
    private static StringBuilder? t_pascalBuilder;

    private static bool IsSame(StringBuilder builder, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (builder[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A type name built from <paramref name="name"/> within the length a type name may have: longer names keep their
    /// start and end a stable hash of the whole, so distinct long names stay distinct and the same spec gives the same name.
    /// </summary>
    public static string LimitTypeName(string name)
    {
        if (name.Length <= MaxTypeNameLength)
        {
            return name;
        }

        var hash = unchecked((uint)StableHash(name)).ToString("x8", CultureInfo.InvariantCulture);
        return name.Substring(0, MaxTypeNameLength - 9) + "_" + hash;
    }

    /// <summary>A type's name without its namespace: <c>global::Acme.Order</c> → <c>Order</c>.</summary>
    public static string Unqualified(string qualified) => qualified.Substring(qualified.LastIndexOf('.') + 1);

    /// <summary>camelCase, for parameters and locals.</summary>
    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        if (pascal[0] == '_')
        {
            return Escape(pascal);
        }

        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Escape(camel);
    }

    /// <summary>Prefixes <c>@</c> to C# keywords.</summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) is SyntaxKind.VarKeyword
            ? "@" + identifier
            : identifier;

    private static string Finish(string identifier, string fallback)
    {
        if (identifier.Length == 0)
        {
            identifier = fallback;
        }

        if (!SyntaxFacts.IsIdentifierStartCharacter(identifier[0]))
        {
            identifier = "_" + identifier;
        }

        if (identifier.Length > MaxLength)
        {
            var hash = unchecked((uint)StableHash(identifier)).ToString("x8", CultureInfo.InvariantCulture);
            identifier = identifier.Substring(0, MaxLength - 9) + "_" + hash;
        }

        return identifier;
    }

    /// <summary>A hash that is the same in every process, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}

/// <summary>Hands out unique names within one scope (a namespace or a type's members).</summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken;

    public NameScope(IEnumerable<string>? reserved = null, bool ignoreCase = false) =>
        _taken = new HashSet<string>(reserved ?? System.Array.Empty<string>(), ignoreCase ? System.StringComparer.OrdinalIgnoreCase : System.StringComparer.Ordinal);

    private NameScope(HashSet<string> taken) => _taken = taken;

    public bool IsTaken(string name) => _taken.Contains(name);

    /// <summary>A scope with the same names taken, to claim more in without changing this one.</summary>
    public NameScope Copy() => new(new HashSet<string>(_taken, _taken.Comparer));

    /// <summary>A copy of this scope with <paramref name="name"/> taken too.</summary>
    public NameScope CopyWith(string name)
    {
        var copy = Copy();
        copy._taken.Add(name);
        return copy;
    }

    /// <summary>Claims <paramref name="wanted"/>, or the first free <c>wanted2</c>, <c>wanted3</c>….</summary>
    public string Claim(string wanted)
    {
        if (_taken.Add(wanted))
        {
            return wanted;
        }

        for (var i = 2; ; i++)
        {
            var candidate = wanted + i.ToString(CultureInfo.InvariantCulture);
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
