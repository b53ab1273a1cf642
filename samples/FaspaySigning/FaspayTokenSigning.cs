namespace SpecClients.Samples.Faspay;

/// <summary>
/// Which path the token request (<c>GET /account/api/tokens</c>) is signed over. Faspay's docs can be read two ways;
/// providers.md records both.
/// </summary>
public enum FaspayTokenSigning
{
    /// <summary>
    /// The path of the service the token is for, e.g. <c>GET:/account/api/balance_inquiry:…</c>: what Faspay's own PHP
    /// and Python SDKs do (sdk), and the default. See <see cref="FaspaySignature.ServicePath"/>.
    /// </summary>
    ServicePath,

    /// <summary>The token endpoint's own path, <c>GET:/account/api/tokens:…</c>: the other reading of the docs.</summary>
    TokensEndpoint,
}
