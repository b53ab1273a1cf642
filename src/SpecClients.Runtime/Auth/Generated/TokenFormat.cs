using System;
using System.ComponentModel;
using System.Globalization;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>How a token is written into its header (or parameter): <c>Bearer {0}</c>, raw, <c>JWT </c> unless present…</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TokenFormat
{
    private readonly string _prefix;
    private readonly bool _unlessPresent;
    private readonly string? _template;

    private TokenFormat(string prefix, bool unlessPresent, string? template)
    {
        _prefix = prefix;
        _unlessPresent = unlessPresent;
        _template = template;
    }

    /// <summary>The token as is.</summary>
    public static TokenFormat Raw { get; } = new(string.Empty, false, null);

    /// <summary><c>Bearer {token}</c>, unless the token already starts with <c>Bearer </c> (any case).</summary>
    public static TokenFormat Bearer { get; } = new("Bearer ", true, null);

    /// <summary>Always puts <paramref name="prefix"/> before the token.</summary>
    /// <param name="prefix">The prefix, e.g. <c>"Token "</c>.</param>
    /// <returns>The format.</returns>
    public static TokenFormat Prefix(string prefix) => new(prefix ?? throw new ArgumentNullException(nameof(prefix)), false, null);

    /// <summary>Puts <paramref name="prefix"/> before the token unless it already starts with it (any case), e.g. <c>"JWT "</c>.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The format.</returns>
    public static TokenFormat PrefixUnlessPresent(string prefix) => new(prefix ?? throw new ArgumentNullException(nameof(prefix)), true, null);

    /// <summary>A composite format in which <c>{0}</c> stands for the token, e.g. <c>"Bearer {0}"</c>.</summary>
    /// <param name="template">The template; must contain <c>{0}</c>.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">The template is not a valid composite format with <c>{0}</c>.</exception>
    public static TokenFormat Template(string template)
    {
        if (template is null)
        {
            throw new ArgumentNullException(nameof(template));
        }

        try
        {
            if (string.Format(CultureInfo.InvariantCulture, template, "\u0001") == template || template.IndexOf("{0}", StringComparison.Ordinal) < 0)
            {
                throw new ArgumentException("A token format template must contain {0}.", nameof(template));
            }
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The token format template is not a valid composite format.", nameof(template), ex);
        }

        return new TokenFormat(string.Empty, false, template);
    }

    /// <summary>Writes <paramref name="token"/> in this format.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The value to send.</returns>
    public string Apply(string token)
    {
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        if (_template is not null)
        {
            return string.Format(CultureInfo.InvariantCulture, _template, token);
        }

        if (_prefix.Length == 0 || (_unlessPresent && token.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return token;
        }

        return _prefix + token;
    }

    /// <summary>Describes the format.</summary>
    /// <returns>For example <c>"Bearer {0}"</c>.</returns>
    public override string ToString() =>
        _template ?? (_prefix.Length == 0 ? "{0}" : _prefix + "{0}" + (_unlessPresent ? " (unless present)" : string.Empty));
}
