using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace SpecClients.Samples.Sandbox.Providers;

/// <summary>
/// FinCode (Songhai Exchange): <c>POST /oauth/token</c> is an OAuth2 token endpoint (RFC 6749) with HTTP Basic client
/// authentication and the grant its published spec allows, <c>password</c> (<c>refresh_token</c> only when
/// <see cref="SandboxOptions.FinCodeAcceptsRefreshGrant"/> is set), answering
/// <c>{access_token, token_type, refresh_token, expires_in, scope}</c> (the shape is a guess: providers.md). Error bodies
/// follow Spring Security OAuth2, which the messages "Bad credentials" / "Bad client credentials" point to (guess).
/// Refresh tokens are reused, not rotated (Spring's default), and survive <see cref="ProviderSandbox.RevokeAllTokens"/>.
/// </summary>
internal static class FinCodeEndpoints
{
    private const string AccessPool = SandboxProviders.FinCode;
    private const string RefreshPool = SandboxProviders.FinCode + "-refresh";

    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        RouteGroupBuilder group = routes.MapGroup("/" + SandboxProviders.FinCode);
        group.MapPost("/oauth/token", Task<IResult> (HttpContext context) => TokenAsync(context, state));
        group.MapPost("/gateway/v2/account-number-validation", Task<IResult> (HttpContext context) => ValidateAccountAsync(context, state));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, SandboxState state)
    {
        ProviderCounters counters = state.Counters.FinCode;
        counters.TokenRequested();
        SandboxOptions options = state.Options;
        HttpRequest request = context.Request;

        if (!ClientAuthenticated(request, options))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"oauth2/client\"";
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Bad client credentials");
        }

        if (!request.HasFormContentType)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "Expected an application/x-www-form-urlencoded body");
        }

        IFormCollection form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? grantType = Single(form["grant_type"]);
        string refreshToken;
        switch (grantType)
        {
            case null or "":
                return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "Missing grant type");
            case "password":
                if (!SandboxHttp.SecretEquals(Single(form["username"]), options.FinCodeUsername) ||
                    !SandboxHttp.SecretEquals(Single(form["password"]), options.FinCodePassword))
                {
                    return OAuthError(StatusCodes.Status400BadRequest, "invalid_grant", "Bad credentials");
                }

                refreshToken = TokenStore.NewRandomToken();
                state.Tokens.Add(RefreshPool, refreshToken, options.FinCodeRefreshTokenLifetime);
                break;
            case "refresh_token" when !options.FinCodeAcceptsRefreshGrant:
                // FinCode's published spec allows grant_type "password" only (an enum): a server that follows it refuses
                // every other grant, as RFC 6749 §5.2 says.
                return OAuthError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Unsupported grant type: " + grantType);
            case "refresh_token":
                string? presented = Single(form["refresh_token"]);
                if (state.Tokens.Check(RefreshPool, presented) != TokenStatus.Valid)
                {
                    return OAuthError(StatusCodes.Status400BadRequest, "invalid_grant", "Invalid refresh token");
                }

                refreshToken = presented!;
                break;
            default:
                return OAuthError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Unsupported grant type: " + grantType);
        }

        string accessToken = TokenStore.NewRandomToken();
        state.Tokens.Add(AccessPool, accessToken, options.FinCodeTokenLifetime);
        counters.TokenIssued();
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return SandboxHttp.Json(new
        {
            access_token = accessToken,
            token_type = "bearer",
            refresh_token = refreshToken,
            expires_in = (long)options.FinCodeTokenLifetime.TotalSeconds,
            scope = "read write",
        });
    }

    private static async Task<IResult> ValidateAccountAsync(HttpContext context, SandboxState state)
    {
        ProviderCounters counters = state.Counters.FinCode;
        string? token = SandboxHttp.SchemeToken(context.Request, "Bearer");
        TokenStatus status = state.Tokens.Check(AccessPool, token);
        if (status != TokenStatus.Valid)
        {
            counters.CallRejected();
            string description = token is null
                ? "Full authentication is required to access this resource"
                : status == TokenStatus.Expired ? "Access token expired" : "Invalid access token";
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{description}\"";
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_token", description);
        }

        counters.CallAccepted();
        JsonElement? body = await SandboxHttp.ReadJsonObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is not { } json)
        {
            return ValidationError("Request body must be a JSON object");
        }

        string[] required = ["accountNumber", "accountNumberCountry", "bankCode", "expectedCurrencyCode", "transactionType"];
        foreach (string name in required)
        {
            if (string.IsNullOrEmpty(SandboxHttp.StringProperty(json, name)))
            {
                return ValidationError(name + " is required");
            }
        }

        return SandboxHttp.Json(new
        {
            status = "SUCCESS",
            message = "Account number validated successfully",
            errorCode = 0,
            data = new
            {
                accountNumber = SandboxHttp.StringProperty(json, "accountNumber"),
                accountName = "SANDBOX ACCOUNT HOLDER",
                accountCurrency = SandboxHttp.StringProperty(json, "expectedCurrencyCode"),
                receiverMobileNumber = (string?)null,
            },
        });
    }

    private static bool ClientAuthenticated(HttpRequest request, SandboxOptions options)
    {
        string? encoded = SandboxHttp.SchemeToken(request, "Basic");
        if (encoded is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return false;
        }

        int colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 &&
            SandboxHttp.SecretEquals(decoded.Substring(0, colon), options.FinCodeClientId) &&
            SandboxHttp.SecretEquals(decoded.Substring(colon + 1), options.FinCodeClientSecret);
    }

    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    private static IResult OAuthError(int statusCode, string error, string description) =>
        SandboxHttp.Json(new { error, error_description = description }, statusCode);

    private static IResult ValidationError(string message) =>
        SandboxHttp.Json(
            new { status = "ERROR", message, errorCode = 400, data = (object?)null },
            StatusCodes.Status400BadRequest);
}
