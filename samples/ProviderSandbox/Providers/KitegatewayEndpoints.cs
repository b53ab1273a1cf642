using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpecClients.Samples.Sandbox.Providers;

/// <summary>
/// Kitegateway: <c>POST /v1/auth/token</c> (header <c>Secret-Key</c>, JSON <c>{api_key, expires_in?}</c>) returns
/// <c>data.token</c> = <c>JWT &lt;jwt&gt;</c> and <c>data.expires</c> in Unix seconds; later calls send
/// <c>Authorization: JWT &lt;jwt&gt;</c>. Errors: <c>{"code":"&lt;string&gt;","status":"error","message","data":{}}</c>
/// (<c>code</c> is a string on errors and an integer on success, as documented).
/// <para>
/// Variants (<see cref="SandboxOptions"/>): tokens returned without the <c>JWT </c> prefix
/// (<see cref="SandboxOptions.KitegatewayTokenHasJwtPrefix"/>) and opaque tokens whose expiry is only in
/// <c>data.expires</c> (<see cref="SandboxOptions.KitegatewayOpaqueTokens"/>); later calls need <c>JWT &lt;token&gt;</c>
/// either way. The token request must send <c>Content-Type</c> and <c>Accept</c> <c>application/json</c> (doc).
/// </para>
/// </summary>
internal static class KitegatewayEndpoints
{
    private const string Pool = SandboxProviders.Kitegateway;

    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        // Signs the sandbox's JWTs; only so they look real: validity is decided by the token store.
        byte[] signingKey = RandomNumberGenerator.GetBytes(32);
        RouteGroupBuilder group = routes.MapGroup("/" + SandboxProviders.Kitegateway);
        group.MapPost("/v1/auth/token", Task<IResult> (HttpContext context) => TokenAsync(context, state, signingKey));
        group.MapGet(
            "/v1/transactions/send-callback/{kitegateway_reference}",
            (HttpContext context, string kitegateway_reference) => SendCallback(context, kitegateway_reference, state));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, SandboxState state, byte[] signingKey)
    {
        ProviderCounters counters = state.Counters.Kitegateway;
        counters.TokenRequested();
        SandboxOptions options = state.Options;

        // The docs mark Content-Type and Accept application/json as required (doc).
        if (!SandboxHttp.IsJsonMediaType(SandboxHttp.Header(context.Request, "Content-Type")) ||
            !SandboxHttp.IsJsonMediaType(SandboxHttp.Header(context.Request, "Accept")))
        {
            return Error(StatusCodes.Status400BadRequest, "Content-Type and Accept must be application/json");
        }

        string? secret = SandboxHttp.Header(context.Request, "Secret-Key");
        if (secret is null)
        {
            return Error(StatusCodes.Status401Unauthorized, "Secret-Key header is required");
        }

        if (!SandboxHttp.SecretEquals(secret, options.KitegatewaySecretKey))
        {
            return Error(StatusCodes.Status401Unauthorized, "Invalid API credentials");
        }

        JsonElement? body = await SandboxHttp.ReadJsonObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is not { } json)
        {
            return Error(StatusCodes.Status400BadRequest, "Request body must be a JSON object");
        }

        string? apiKey = SandboxHttp.StringProperty(json, "api_key");
        if (string.IsNullOrEmpty(apiKey))
        {
            return Error(StatusCodes.Status400BadRequest, "api_key is required");
        }

        TimeSpan lifetime = options.KitegatewayTokenLifetime;
        if (json.TryGetProperty("expires_in", out JsonElement expiresIn) && expiresIn.ValueKind != JsonValueKind.Null)
        {
            if (expiresIn.ValueKind != JsonValueKind.Number || !expiresIn.TryGetInt32(out int seconds) || seconds <= 0)
            {
                return Error(StatusCodes.Status400BadRequest, "expires_in must be a positive integer number of seconds");
            }

            lifetime = TimeSpan.FromSeconds(seconds);
        }

        if (!SandboxHttp.SecretEquals(apiKey, options.KitegatewayApiKey))
        {
            return Error(StatusCodes.Status401Unauthorized, "Invalid API credentials");
        }

        DateTimeOffset now = state.Now;
        long exp = (now + lifetime).ToUnixTimeSeconds();
        // Opaque tokens carry no exp claim: data.expires is then the only source of the expiry.
        string token = options.KitegatewayOpaqueTokens ? TokenStore.NewRandomToken() : CreateJwt(now.ToUnixTimeSeconds(), exp, signingKey);
        state.Tokens.Add(Pool, token, lifetime);
        counters.TokenIssued();
        return SandboxHttp.Json(new
        {
            code = 200,
            status = "success",
            message = "Token generated",
            data = new { token = options.KitegatewayTokenHasJwtPrefix ? "JWT " + token : token, expires = exp },
        });
    }

    private static IResult SendCallback(HttpContext context, string reference, SandboxState state)
    {
        ProviderCounters counters = state.Counters.Kitegateway;
        string? token = SandboxHttp.SchemeToken(context.Request, "JWT");
        TokenStatus status = state.Tokens.Check(Pool, token);
        if (status != TokenStatus.Valid)
        {
            counters.CallRejected();
            string message = token is null
                ? "Authorization header with a JWT token is required"
                : status == TokenStatus.Expired ? "Token has expired" : "Invalid token";
            return Error(StatusCodes.Status401Unauthorized, message);
        }

        counters.CallAccepted();
        return SandboxHttp.Json(new
        {
            code = 200,
            status = "success",
            message = "Callback sent",
            data = new { kitegateway_reference = reference },
        });
    }

    private static IResult Error(int statusCode, string message) =>
        SandboxHttp.Json(
            new { code = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), status = "error", message, data = new { } },
            statusCode);

    /// <summary>A real-looking HS256 JWT: base64url(header).base64url(payload with iat, exp, jti).signature.</summary>
    private static string CreateJwt(long issuedAt, long expires, byte[] signingKey)
    {
        string header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        string payloadJson = JsonSerializer.Serialize(new
        {
            iss = "kitegateway-sandbox",
            sub = "sandbox-merchant",
            iat = issuedAt,
            exp = expires,
            jti = TokenStore.NewRandomToken(16),
        });
        string payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        byte[] signature = HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Base64Url.EncodeToString(signature);
    }
}
