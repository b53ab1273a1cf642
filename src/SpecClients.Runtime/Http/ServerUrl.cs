using System;
using System.ComponentModel;

namespace SpecClients.Runtime.Http;

/// <summary>Turns a spec's server URL into a base address, with a clear error for relative URLs.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ServerUrl
{
    /// <summary>Parses an absolute server URL.</summary>
    /// <param name="url">The URL with variables already substituted.</param>
    /// <param name="apiName">The API name, for the error message.</param>
    /// <returns>The base address.</returns>
    /// <exception cref="InvalidOperationException">The URL is relative or malformed.</exception>
    public static Uri Create(string url, string apiName)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        throw new InvalidOperationException($"{apiName}: the server URL '{url}' is not an absolute http(s) URL; set BaseAddress in the options.");
    }

    /// <summary>Checks a server variable's value before it is substituted into a URL, so it cannot change the host or path.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The option's name, for the error.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The value contains a character that would change the URL's structure.</exception>
    public static string Variable(string value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }

        foreach (var c in value)
        {
            if (c is '/' or '?' or '#' or '@' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"The server variable '{name}' contains '{c}', which would change the URL's host or path.", name);
            }
        }

        return value;
    }
}
