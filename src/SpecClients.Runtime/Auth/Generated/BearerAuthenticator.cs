using System;
using System.ComponentModel;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>A static bearer token: <c>Authorization: Bearer …</c> (a token that already starts with <c>Bearer </c> is sent as is).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BearerAuthenticator : IRequestAuthenticator
{
    private readonly string _headerValue;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="schemeName">The security scheme's name.</param>
    /// <param name="token">The token.</param>
    /// <exception cref="ArgumentException">The token is empty or contains a line break.</exception>
    public BearerAuthenticator(string schemeName, string token)
    {
        SchemeName = schemeName ?? throw new ArgumentNullException(nameof(schemeName));
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        CredentialPlacement.ValidateValue(schemeName, ApiKeyLocation.Header, token, nameof(token));
        _headerValue = TokenFormat.Bearer.Apply(token);
    }

    /// <inheritdoc />
    public string SchemeName { get; }

    /// <inheritdoc />
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        CredentialPlacement.Apply(request, ApiKeyLocation.Header, "Authorization", _headerValue);
        return default;
    }

    /// <summary>A static token does not change: no retry.</summary>
    /// <param name="request">The rejected request.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns><see langword="false"/>.</returns>
    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => new(false);

    /// <summary>Describes the authenticator without its token.</summary>
    /// <returns>A masked description.</returns>
    public override string ToString() => "BearerAuthenticator { Scheme = " + SchemeName + ", Token = " + SecretMask.Hidden + " }";
}
