using System;
using System.ComponentModel;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>An <c>apiKey</c> scheme with a static value, sent in a header, the query string or a cookie.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiKeyAuthenticator : IRequestAuthenticator
{
    private readonly string _value;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="schemeName">The security scheme's name.</param>
    /// <param name="location">Where the key goes.</param>
    /// <param name="parameterName">The header, query parameter or cookie name.</param>
    /// <param name="apiKey">The key.</param>
    /// <param name="prefix">Put before the key, e.g. <c>"Token "</c>; none if null.</param>
    /// <exception cref="ArgumentException">A name is invalid, or the value cannot be sent where it is to go.</exception>
    public ApiKeyAuthenticator(string schemeName, ApiKeyLocation location, string parameterName, string apiKey, string? prefix = null)
    {
        SchemeName = schemeName ?? throw new ArgumentNullException(nameof(schemeName));
        if (location is < ApiKeyLocation.Header or > ApiKeyLocation.Cookie)
        {
            throw new ArgumentOutOfRangeException(nameof(location), location, "Unknown credential location.");
        }

        if (apiKey is null)
        {
            throw new ArgumentNullException(nameof(apiKey));
        }

        CredentialPlacement.ValidateName(schemeName, location, parameterName);
        _value = (prefix ?? string.Empty) + apiKey;
        CredentialPlacement.ValidateValue(schemeName, location, _value, nameof(apiKey));
        Location = location;
        ParameterName = parameterName;
    }

    /// <inheritdoc />
    public string SchemeName { get; }

    /// <summary>Where the key goes.</summary>
    public ApiKeyLocation Location { get; }

    /// <summary>The header, query parameter or cookie name.</summary>
    public string ParameterName { get; }

    /// <inheritdoc />
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        CredentialPlacement.Apply(request, Location, ParameterName, _value);
        return default;
    }

    /// <summary>A static key does not change: no retry.</summary>
    /// <param name="request">The rejected request.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns><see langword="false"/>.</returns>
    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => new(false);

    /// <summary>Describes the authenticator without its key.</summary>
    /// <returns>A masked description.</returns>
    public override string ToString() =>
        "ApiKeyAuthenticator { Scheme = " + SchemeName + ", In = " + Location + ", Name = " + ParameterName + ", Value = " + SecretMask.Hidden + " }";
}
