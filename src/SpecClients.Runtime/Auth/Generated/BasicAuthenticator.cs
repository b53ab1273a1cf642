using System;
using System.ComponentModel;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>HTTP Basic authentication: <c>Authorization: Basic base64(user:password)</c>, UTF-8 encoded (RFC 7617).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BasicAuthenticator : IRequestAuthenticator
{
    private readonly string _parameter;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="schemeName">The security scheme's name.</param>
    /// <param name="userName">The user name; must not contain a colon.</param>
    /// <param name="password">The password (may be empty, as for API keys sent as user name).</param>
    /// <exception cref="ArgumentException">The user name contains a colon.</exception>
    public BasicAuthenticator(string schemeName, string userName, string password)
    {
        SchemeName = schemeName ?? throw new ArgumentNullException(nameof(schemeName));
        if (userName is null)
        {
            throw new ArgumentNullException(nameof(userName));
        }

        if (password is null)
        {
            throw new ArgumentNullException(nameof(password));
        }

        if (userName.IndexOf(':') >= 0)
        {
            throw new ArgumentException("The user name of scheme '" + schemeName + "' must not contain a colon (RFC 7617).", nameof(userName));
        }

        _parameter = Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password));
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

        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _parameter);
        return default;
    }

    /// <summary>Static credentials do not change: no retry.</summary>
    /// <param name="request">The rejected request.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns><see langword="false"/>.</returns>
    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => new(false);

    /// <summary>Describes the authenticator without its credentials.</summary>
    /// <returns>A masked description.</returns>
    public override string ToString() => "BasicAuthenticator { Scheme = " + SchemeName + ", Credentials = " + SecretMask.Hidden + " }";
}
