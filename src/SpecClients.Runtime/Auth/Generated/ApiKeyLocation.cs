using System.ComponentModel;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>Where a credential goes on a request: OpenAPI's <c>in</c> of an <c>apiKey</c> scheme.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum ApiKeyLocation
{
    /// <summary>A request header.</summary>
    Header,

    /// <summary>A query string parameter.</summary>
    Query,

    /// <summary>A cookie in the <c>Cookie</c> header.</summary>
    Cookie,
}
