using System;

namespace SpecClients.Runtime.Http;

/// <summary>Turns a spec's server URL into a base address, with a clear error for relative URLs.</summary>
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
}
