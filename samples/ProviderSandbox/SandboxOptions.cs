using System;
using SpecClients.Samples.Faspay;

namespace SpecClients.Samples.Sandbox;

/// <summary>
/// The fixed credentials the sandbox accepts, the lifetime of the tokens it issues and the clock it uses. Every default
/// is a made-up value that cannot be mistaken for a real credential.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>The clock used to issue tokens and to check their expiry (and the Faspay timestamp window).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    // Fincart

    /// <summary>The Fincart portal token, sent raw as <c>Authorization: &lt;token&gt;</c>.</summary>
    public string FincartToken { get; set; } = "sandbox-fincart-portal-token";

    // Kitegateway

    /// <summary>The Kitegateway <c>api_key</c> expected in the token request body.</summary>
    public string KitegatewayApiKey { get; set; } = "sandbox-kite-api-key";

    /// <summary>The Kitegateway api secret expected in the <c>Secret-Key</c> header.</summary>
    public string KitegatewaySecretKey { get; set; } = "sandbox-kite-secret-key";

    /// <summary>Lifetime of a Kitegateway token when the request has no <c>expires_in</c>: 900 s, as its docs say.</summary>
    public TimeSpan KitegatewayTokenLifetime { get; set; } = TimeSpan.FromSeconds(900);

    /// <summary>
    /// Whether <c>data.token</c> starts with <c>JWT </c>, as the docs' sample does (default true). False plays the case
    /// providers.md allows for: the bare token, to which the client must add <c>JWT </c> itself (the safe rule). Later
    /// calls must carry <c>Authorization: JWT &lt;token&gt;</c> either way.
    /// </summary>
    public bool KitegatewayTokenHasJwtPrefix { get; set; } = true;

    /// <summary>
    /// Whether tokens are opaque random strings instead of JWTs (default false: JWTs with an <c>exp</c> claim). Opaque
    /// tokens carry no expiry of their own: a client can learn it only from <c>data.expires</c>.
    /// </summary>
    public bool KitegatewayOpaqueTokens { get; set; }

    // FinCode

    /// <summary>The FinCode OAuth2 client id (HTTP Basic user name on <c>/oauth/token</c>).</summary>
    public string FinCodeClientId { get; set; } = "sandbox-fincode-client-id";

    /// <summary>The FinCode OAuth2 client secret (HTTP Basic password on <c>/oauth/token</c>).</summary>
    public string FinCodeClientSecret { get; set; } = "sandbox-fincode-client-secret";

    /// <summary>The FinCode user name (form field <c>username</c>).</summary>
    public string FinCodeUsername { get; set; } = "sandbox-fincode-user";

    /// <summary>The FinCode password (form field <c>password</c>).</summary>
    public string FinCodePassword { get; set; } = "sandbox-fincode-password";

    /// <summary>Lifetime of a FinCode access token (<c>expires_in</c>): 3600 s.</summary>
    public TimeSpan FinCodeTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Lifetime of a FinCode refresh token: 30 days (Spring Security OAuth2's default).</summary>
    public TimeSpan FinCodeRefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Whether <c>/oauth/token</c> accepts <c>grant_type=refresh_token</c>. Default false: FinCode's published spec lists
    /// <c>password</c> as the only grant type (an enum), so a server that follows it answers 400
    /// <c>unsupported_grant_type</c>. Set true to play a server that goes beyond its spec.
    /// </summary>
    public bool FinCodeAcceptsRefreshGrant { get; set; }

    // Faspay

    /// <summary>The seven Faspay SendMe credentials the signed headers must be computed with.</summary>
    public FaspayCredentials Faspay { get; set; } = new(
        faspayKey: "sandbox-faspay-key",
        faspaySecret: "sandbox-faspay-secret",
        appKey: "sandbox-faspay-app-key",
        appSecret: "sandbox-faspay-app-secret",
        clientKey: "sandbox-faspay-client-key",
        clientSecret: "sandbox-faspay-client-secret",
        iv: "sandbox-faspay-iv");

    /// <summary>Lifetime of a Faspay access token (<c>expired_in</c>): 36000 s, as in Faspay's sample response.</summary>
    public TimeSpan FaspayTokenLifetime { get; set; } = TimeSpan.FromSeconds(36000);

    /// <summary>How far <c>faspay-timestamp</c> may be from the sandbox clock, either way: 5 minutes.</summary>
    public TimeSpan FaspayTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// HTTP status of a Faspay rejection (body <c>"status":"9"</c> either way). Default 200: providers.md guesses that
    /// failures come as HTTP 200 with status 9. Set 401 to test a client that reacts to the HTTP status.
    /// </summary>
    public int FaspayRejectionStatusCode { get; set; } = 200;

    /// <summary>
    /// Which path the token request must be signed over. Default <see cref="FaspayTokenSigning.ServicePath"/>, the SDKs'
    /// reading: the path of the service the token is for, and the token is then accepted for that service only (a server
    /// that ties tokens to the signed path, the strictest reading). <see cref="FaspayTokenSigning.TokensEndpoint"/>:
    /// <c>/account/api/tokens</c>, and the token serves every service. The other reading is refused either way.
    /// </summary>
    public FaspayTokenSigning FaspayTokenSigning { get; set; } = FaspayTokenSigning.ServicePath;

    /// <summary>
    /// Whether <c>expired_in</c> and <c>status</c> are JSON numbers (<c>36000</c>, <c>2</c>) instead of the strings of
    /// Faspay's sample response (<c>"36000"</c>, <c>"2"</c>, the default). The docs' tables type both as N (numeric), so
    /// either may come.
    /// </summary>
    public bool FaspayNumbersAsJsonNumbers { get; set; }

    // Torus

    /// <summary>The Torus request token expected in the <c>Token</c> header (normally obtained by a browser login).</summary>
    public string TorusRequestToken { get; set; } = "sandbox-torus-request-token";

    /// <summary>The Torus <c>API_KEY</c>.</summary>
    public string TorusApiKey { get; set; } = "sandbox-torus-api-key";

    /// <summary>The Torus <c>API_SECRET</c>.</summary>
    public string TorusApiSecret { get; set; } = "sandbox-torus-api-secret";

    /// <summary>Lifetime of a Torus access token: 8 h (undocumented; a guess of one trading day).</summary>
    public TimeSpan TorusTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Whether the session response is written exactly as Torus's docs show it, <c>{"AccessToken": "…",}</c>, with a
    /// trailing comma that strict JSON forbids (default false: plain JSON).
    /// </summary>
    public bool TorusTrailingComma { get; set; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentException.ThrowIfNullOrEmpty(FincartToken);
        ArgumentException.ThrowIfNullOrEmpty(KitegatewayApiKey);
        ArgumentException.ThrowIfNullOrEmpty(KitegatewaySecretKey);
        ArgumentException.ThrowIfNullOrEmpty(FinCodeClientId);
        ArgumentException.ThrowIfNullOrEmpty(FinCodeClientSecret);
        ArgumentException.ThrowIfNullOrEmpty(FinCodeUsername);
        ArgumentException.ThrowIfNullOrEmpty(FinCodePassword);
        ArgumentNullException.ThrowIfNull(Faspay);
        ArgumentException.ThrowIfNullOrEmpty(TorusRequestToken);
        ArgumentException.ThrowIfNullOrEmpty(TorusApiKey);
        ArgumentException.ThrowIfNullOrEmpty(TorusApiSecret);
        RequirePositive(KitegatewayTokenLifetime, nameof(KitegatewayTokenLifetime));
        RequirePositive(FinCodeTokenLifetime, nameof(FinCodeTokenLifetime));
        RequirePositive(FinCodeRefreshTokenLifetime, nameof(FinCodeRefreshTokenLifetime));
        RequirePositive(FaspayTokenLifetime, nameof(FaspayTokenLifetime));
        RequirePositive(TorusTokenLifetime, nameof(TorusTokenLifetime));
        if (FaspayTimestampTolerance < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FaspayTimestampTolerance), "Must not be negative.");
        }

        if (FaspayRejectionStatusCode is < 200 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(FaspayRejectionStatusCode), "Must be an HTTP status code.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, "A token lifetime must be positive.");
        }
    }
}
