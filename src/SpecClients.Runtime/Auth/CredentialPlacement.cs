using System;
using System.Net.Http;

namespace SpecClients.Runtime.Auth;

/// <summary>Puts a credential into a header, the query string or a cookie. Messages never contain the value.</summary>
internal static class CredentialPlacement
{
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
            case ApiKeyLocation.Header when value.IndexOfAny(new[] { '\r', '\n', '\0' }) >= 0:
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
