namespace SpecClients.Runtime.Auth;

/// <summary>How an OAuth2 client authenticates itself to the token endpoint (RFC 6749 §2.3.1).</summary>
/// <remarks>
/// <c>private_key_jwt</c> and <c>client_secret_jwt</c> (RFC 7523) and mutual TLS (RFC 8705) are not supported; a client
/// that needs them supplies its own <see cref="ITokenSource"/>.
/// </remarks>
public enum OAuth2ClientAuthentication
{
    /// <summary>
    /// <c>client_secret_basic</c>, the default every server must support: the client id and secret, each
    /// form-urlencoded, in an HTTP Basic <c>Authorization</c> header.
    /// </summary>
    ClientSecretBasic,

    /// <summary><c>client_secret_post</c>: <c>client_id</c> and <c>client_secret</c> as fields of the form body.</summary>
    ClientSecretPost,
}
