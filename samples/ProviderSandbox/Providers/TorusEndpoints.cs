using System.Threading.Tasks;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpecClients.Samples.Sandbox.Providers;

/// <summary>
/// Torus: <c>POST /api/v1/session/generate</c> with header <c>Token: &lt;request token&gt;</c> and JSON
/// <c>{"API_KEY","API_SECRET"}</c> returns <c>{"AccessToken"}</c> (no lifetime in the body; the sandbox expires it after
/// <see cref="SandboxOptions.TorusTokenLifetime"/>); later calls send <c>Authorization: Bearer &lt;AccessToken&gt;</c>.
/// Torus documents no error body: every <c>{"status":"error","message":…}</c> below is a guess. The session request must
/// send <c>Content-Type: application/json</c> (doc); <see cref="SandboxOptions.TorusTrailingComma"/> answers exactly as
/// the docs' sample does, <c>{"AccessToken": "…",}</c>.
/// </summary>
internal static class TorusEndpoints
{
    private const string Pool = SandboxProviders.Torus;

    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        RouteGroupBuilder group = routes.MapGroup("/" + SandboxProviders.Torus);
        group.MapPost("/api/v1/session/generate", Task<IResult> (HttpContext context) => GenerateSessionAsync(context, state));
        group.MapPost("/api/v1/funds/", Task<IResult> (HttpContext context) => FundsAsync(context, state));
    }

    private static async Task<IResult> GenerateSessionAsync(HttpContext context, SandboxState state)
    {
        ProviderCounters counters = state.Counters.Torus;
        counters.TokenRequested();
        SandboxOptions options = state.Options;

        // The docs list Content-Type: application/json among the header parameters (doc).
        if (!SandboxHttp.IsJsonMediaType(SandboxHttp.Header(context.Request, "Content-Type")))
        {
            return Error(StatusCodes.Status400BadRequest, "Content-Type must be application/json");
        }

        if (!SandboxHttp.SecretEquals(SandboxHttp.Header(context.Request, "Token"), options.TorusRequestToken))
        {
            return Error(StatusCodes.Status401Unauthorized, "Invalid or expired request token");
        }

        JsonElement? body = await SandboxHttp.ReadJsonObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is not { } json)
        {
            return Error(StatusCodes.Status400BadRequest, "Request body must be a JSON object");
        }

        string? apiKey = SandboxHttp.StringProperty(json, "API_KEY");
        string? apiSecret = SandboxHttp.StringProperty(json, "API_SECRET");
        if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(apiSecret))
        {
            return Error(StatusCodes.Status400BadRequest, "API_KEY and API_SECRET are required");
        }

        if (!SandboxHttp.SecretEquals(apiKey, options.TorusApiKey) || !SandboxHttp.SecretEquals(apiSecret, options.TorusApiSecret))
        {
            return Error(StatusCodes.Status401Unauthorized, "Invalid API_KEY or API_SECRET");
        }

        string accessToken = TokenStore.NewRandomToken();
        state.Tokens.Add(Pool, accessToken, options.TorusTokenLifetime);
        counters.TokenIssued();
        if (options.TorusTrailingComma)
        {
            // Byte for byte the shape of the docs' sample response, trailing comma included (doc).
            return Results.Text("{\n    \"AccessToken\": \"" + accessToken + "\",\n}", "application/json", System.Text.Encoding.UTF8);
        }

        return SandboxHttp.Json(new { AccessToken = accessToken });
    }

    private static async Task<IResult> FundsAsync(HttpContext context, SandboxState state)
    {
        ProviderCounters counters = state.Counters.Torus;
        string? token = SandboxHttp.SchemeToken(context.Request, "Bearer");
        if (state.Tokens.Check(Pool, token) != TokenStatus.Valid)
        {
            counters.CallRejected();
            return Error(StatusCodes.Status401Unauthorized, "Invalid or expired token");
        }

        counters.CallAccepted();
        JsonElement? body = await SandboxHttp.ReadJsonObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        string? source = body is { } json ? SandboxHttp.StringProperty(json, "source") : null;
        if (string.IsNullOrEmpty(source))
        {
            return Error(StatusCodes.Status400BadRequest, "source is required");
        }

        return SandboxHttp.Json(new
        {
            data = new[]
            {
                new { limit_type = "CASH", available_balance = 250000.75m },
                new { limit_type = "COLLATERAL", available_balance = 100000.00m },
            },
            message = "Success",
            status = "success",
        });
    }

    // Undocumented error body: a guess.
    private static IResult Error(int statusCode, string message) =>
        SandboxHttp.Json(new { status = "error", message }, statusCode);
}
