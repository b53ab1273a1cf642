using System;
using System.ComponentModel;

namespace SpecClients.Runtime.Http;

/// <summary>Keeps credentials off plain http: the library never disables TLS, and refuses to send secrets in the clear.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TransportSecurity
{
    /// <summary>Throws unless <paramref name="address"/> is https, or http to a loopback host (local sandboxes and tests).</summary>
    /// <param name="address">Where the request goes.</param>
    /// <param name="apiName">The API name, for the message.</param>
    /// <exception cref="InvalidOperationException">Credentials would be sent unencrypted to another machine.</exception>
    public static void RequireHttpsForCredentials(Uri address, string apiName)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }

        if (address.Scheme == Uri.UriSchemeHttps || address.IsLoopback)
        {
            return;
        }

        throw new InvalidOperationException(
            $"{apiName}: refusing to send credentials over plain http to {address.Scheme}://{address.Host}. Use https, or set AllowInsecureHttp in the client's options if this network is trusted.");
    }
}
