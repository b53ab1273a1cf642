using System;
using System.Collections.Generic;
using System.Net.Http;
using SpecClients.Runtime.Auth.Generated;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>Puts a credential into a header, the query string or a cookie. Messages never contain the value.</summary>
internal static class CredentialPlacement
{
    private static readonly char[] HeaderBreakers = { '\r', '\n', '\0' };

    public static void ValidateName(string schemeName, ApiKeyLocation location, string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("The parameter name of scheme '" + schemeName + "' must not be empty.", nameof(name));
        }

        if ((location == ApiKeyLocation.Header || location == ApiKeyLocation.Cookie) && !IsToken(name))
        {
            throw new ArgumentException(
                "The " + Describe(location) + " name '" + name + "' of scheme '" + schemeName + "' is not a valid token.", nameof(name));
        }
    }

    /// <summary>Throws if the value cannot be sent where it is to go. The message names the scheme, never the value.</summary>
    public static void ValidateValue(string schemeName, ApiKeyLocation location, string value, string parameterName)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException("The credential of scheme '" + schemeName + "' must not be empty.", parameterName);
        }

        switch (location)
        {
            case ApiKeyLocation.Header when value.IndexOfAny(HeaderBreakers) >= 0:
                throw new ArgumentException(
                    "The credential of scheme '" + schemeName + "' contains a line break or NUL, which a header cannot carry.", parameterName);
            case ApiKeyLocation.Cookie when !IsCookieValue(value):
                throw new ArgumentException(
                    "The credential of scheme '" + schemeName + "' contains characters a cookie value cannot carry.", parameterName);
        }
    }

    public static void Apply(HttpRequestMessage request, ApiKeyLocation location, string name, string value)
    {
        switch (location)
        {
            case ApiKeyLocation.Header:
                request.Headers.Remove(name);
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    throw new InvalidOperationException("The header '" + name + "' cannot be set on a request.");
                }

                break;
            case ApiKeyLocation.Query:
                request.RequestUri = AppendQuery(request.RequestUri, name, value);
                break;
            case ApiKeyLocation.Cookie:
                var pair = name + "=" + value;
                if (request.Headers.TryGetValues("Cookie", out var existing))
                {
                    pair = string.Join("; ", existing) + "; " + pair;
                    request.Headers.Remove("Cookie");
                }

                request.Headers.TryAddWithoutValidation("Cookie", pair);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(location), location, "Unknown credential location.");
        }
    }

    /// <summary>The values <paramref name="request"/> carries under <paramref name="name"/> where <see cref="Apply"/> puts them (query values unescaped).</summary>
    public static List<string> SentValues(HttpRequestMessage request, ApiKeyLocation location, string name)
    {
        var values = new List<string>();
        switch (location)
        {
            case ApiKeyLocation.Header:
                if (request.Headers.TryGetValues(name, out var headerValues))
                {
                    values.AddRange(headerValues);
                }

                break;
            case ApiKeyLocation.Query:
                var text = request.RequestUri?.OriginalString ?? string.Empty;
                var fragmentAt = text.IndexOf('#');
                var queryAt = text.IndexOf('?');
                if (queryAt >= 0 && (fragmentAt < 0 || queryAt < fragmentAt))
                {
                    var query = text.Substring(queryAt + 1, (fragmentAt < 0 ? text.Length : fragmentAt) - queryAt - 1);
                    AddPairs(values, query.Split('&'), Uri.EscapeDataString(name), unescape: true);
                }

                break;
            case ApiKeyLocation.Cookie:
                if (request.Headers.TryGetValues("Cookie", out var cookies))
                {
                    foreach (var cookie in cookies)
                    {
                        AddPairs(values, cookie.Split(';'), name, unescape: false);
                    }
                }

                break;
        }

        return values;
    }

    public static string Describe(ApiKeyLocation location) => location switch
    {
        ApiKeyLocation.Header => "header",
        ApiKeyLocation.Query => "query parameter",
        _ => "cookie",
    };

    private static Uri AppendQuery(Uri? uri, string name, string value)
    {
        var text = uri?.OriginalString ?? string.Empty;
        var fragmentAt = text.IndexOf('#');
        var fragment = fragmentAt >= 0 ? text.Substring(fragmentAt) : string.Empty;
        var body = fragmentAt >= 0 ? text.Substring(0, fragmentAt) : text;
        var separator = body.IndexOf('?') < 0 ? "?" : body.EndsWith("?", StringComparison.Ordinal) || body.EndsWith("&", StringComparison.Ordinal) ? string.Empty : "&";
        var combined = body + separator + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value) + fragment;
        return new Uri(combined, uri is { IsAbsoluteUri: true } ? UriKind.Absolute : UriKind.RelativeOrAbsolute);
    }

    private static void AddPairs(List<string> values, string[] pairs, string name, bool unescape)
    {
        foreach (var candidate in pairs)
        {
            var pair = candidate.Trim();
            if (pair.Length > name.Length && pair[name.Length] == '=' && pair.StartsWith(name, StringComparison.Ordinal))
            {
                var value = pair.Substring(name.Length + 1);
                values.Add(unescape ? Uri.UnescapeDataString(value) : value);
            }
        }
    }

    // RFC 7230 token.
    private static bool IsToken(string text)
    {
        foreach (var c in text)
        {
            if (c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".IndexOf(c) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    // RFC 6265 cookie-octet.
    private static bool IsCookieValue(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x21 || c > 0x7E || c == '"' || c == ',' || c == ';' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }
}
