using System;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpecClients.Samples.Faspay;

namespace SpecClients.Samples.Sandbox.Providers;

/// <summary>
/// Faspay SendMe: every call carries <c>faspay-key</c>, <c>faspay-timestamp</c> (<c>yyyy-MM-dd HH:mm:ss</c>, UTC+7,
/// within <see cref="SandboxOptions.FaspayTimestampTolerance"/> of the sandbox clock), <c>faspay-signature</c> and
/// <c>faspay-authorization</c>, computed by <see cref="FaspaySignature"/>. The access token never travels in a header:
/// it is inside the signature's token part, base64(<c>CLIENT_KEY:CLIENT_SECRET:ACCESS_TOKEN</c>), which the sandbox
/// decrypts to find it and then recomputes the whole signature to compare.
/// <para>
/// Signed path: the path as the provider sees it, without the sandbox's <c>/faspay</c> prefix. For the token request
/// exactly one reading of the docs is accepted, <see cref="SandboxOptions.FaspayTokenSigning"/>: by default the SDKs'
/// (the path of a service the sandbox serves, <c>/account/api/balance_inquiry</c>), and the token then serves that
/// service only; or <c>/account/api/tokens</c>, and the token serves every service.
/// </para>
/// <para>
/// The token request must carry <c>Content-Type</c> and <c>Accept</c> <c>application/json</c> (providers.md: doc).
/// <c>faspay-authorization</c> is required on the token request; on later calls it is checked when present.
/// </para>
/// <para>
/// Numbers: <c>expired_in</c> and <c>status</c> are strings as in Faspay's sample, or JSON numbers with
/// <see cref="SandboxOptions.FaspayNumbersAsJsonNumbers"/> (the docs type them N).
/// </para>
/// <para>
/// Failures: HTTP <see cref="SandboxOptions.FaspayRejectionStatusCode"/> (default 200, providers.md's guess) with
/// <c>{"status":"9","message":&lt;reason&gt;,"response_code":&lt;code&gt;,"response_desc":"unauthorized"}</c>; the codes
/// 41–45 below are made up (Faspay documents none for these cases). Every value is a string, as in Faspay's responses.
/// </para>
/// </summary>
internal static class FaspayEndpoints
{
    private const string Pool = SandboxProviders.Faspay;

    // The services this sandbox serves, as the SDKs sign them on the token request.
    private const string BalanceService = "/account/api/balance_inquiry";
    private static readonly string[] Services = [BalanceService];

    // Made-up response codes (only "00" = success is documented).
    private const string InvalidKey = "41";
    private const string InvalidTimestamp = "42";
    private const string InvalidAuthorization = "43";
    private const string InvalidSignature = "44";
    private const string InvalidToken = "45";
    private const string InvalidHeaders = "46";

    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        RouteGroupBuilder group = routes.MapGroup("/" + SandboxProviders.Faspay);
        group.MapGet("/account/api/tokens", (HttpContext context) => Token(context, state));
        group.MapGet(
            "/account/api/balance_inquiry/{virtual_account}",
            (HttpContext context, string virtual_account) => BalanceInquiry(context, virtual_account, state));
    }

    private static IResult Token(HttpContext context, SandboxState state)
    {
        ProviderCounters counters = state.Counters.Faspay;
        counters.TokenRequested();
        FaspayCredentials credentials = state.Options.Faspay;

        if (!SandboxHttp.IsJsonMediaType(SandboxHttp.Header(context.Request, "Content-Type")) ||
            !SandboxHttp.IsJsonMediaType(SandboxHttp.Header(context.Request, "Accept")))
        {
            return Reject(state, new Failure(InvalidHeaders, "Content-Type and Accept must be application/json"));
        }

        Failure? failure = CheckSignedRequest(context.Request, state, requireAuthorization: true, out SignedText signed);
        if (failure is not null)
        {
            return Reject(state, failure.Value);
        }

        bool pathAccepted = state.Options.FaspayTokenSigning == FaspayTokenSigning.TokensEndpoint
            ? signed.Path == FaspaySignature.TokensPath
            : Array.IndexOf(Services, signed.Path) >= 0;
        if (!pathAccepted || signed.TokenPart != FaspaySignature.TokenPart(credentials))
        {
            return Reject(state, new Failure(InvalidSignature, "Invalid faspay-signature"));
        }

        string accessToken = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(96));
        state.Tokens.Add(TokenPool(signed.Path), accessToken, state.Options.FaspayTokenLifetime);
        counters.TokenIssued();
        long lifetime = (long)state.Options.FaspayTokenLifetime.TotalSeconds;
        return state.Options.FaspayNumbersAsJsonNumbers
            ? SandboxHttp.Json(new { access_token = accessToken, expired_in = lifetime, status = 2, message = "Success", response_code = "00", response_desc = "success" })
            : SandboxHttp.Json(new
            {
                access_token = accessToken,
                expired_in = lifetime.ToString(System.Globalization.CultureInfo.InvariantCulture),
                status = "2",
                message = "Success",
                response_code = "00",
                response_desc = "success",
            });
    }

    /// <summary>Tokens are kept per signed path: with the SDKs' reading a token serves the service it was requested for.</summary>
    private static string TokenPool(string signedPath) => Pool + ":" + signedPath;

    private static IResult BalanceInquiry(HttpContext context, string virtualAccount, SandboxState state)
    {
        ProviderCounters counters = state.Counters.Faspay;
        FaspayCredentials credentials = state.Options.Faspay;

        Failure? failure = CheckSignedRequest(context.Request, state, requireAuthorization: false, out SignedText signed);
        if (failure is null && signed.Path != SandboxHttp.ProviderPath(context.Request, SandboxProviders.Faspay))
        {
            failure = new Failure(InvalidSignature, "Invalid faspay-signature");
        }

        if (failure is null)
        {
            string? accessToken = AccessTokenOf(signed.TokenPart, credentials);
            string pool = TokenPool(state.Options.FaspayTokenSigning == FaspayTokenSigning.TokensEndpoint ? FaspaySignature.TokensPath : BalanceService);
            TokenStatus status = state.Tokens.Check(pool, accessToken);
            if (accessToken is null)
            {
                failure = new Failure(InvalidSignature, "Invalid faspay-signature");
            }
            else if (status != TokenStatus.Valid)
            {
                failure = new Failure(InvalidToken, status == TokenStatus.Expired ? "Access token expired" : "Invalid access token");
            }
        }

        if (failure is not null)
        {
            counters.CallRejected();
            return Reject(state, failure.Value);
        }

        counters.CallAccepted();
        if (state.Options.FaspayNumbersAsJsonNumbers)
        {
            return SandboxHttp.Json(new
            {
                virtual_account = virtualAccount,
                balance = "7897000.00",
                available_balance = "6897000.00",
                status = 2,
                message = "Success",
                response_code = "00",
                response_desc = "success",
            });
        }

        return SandboxHttp.Json(new
        {
            virtual_account = virtualAccount,
            balance = "7897000.00",
            available_balance = "6897000.00",
            status = "2",
            message = "Success",
            response_code = "00",
            response_desc = "success",
        });
    }

    /// <summary>
    /// Checks key, timestamp, authorization and the signature's integrity; on success <paramref name="signed"/> holds the
    /// path and token part the signature covers, for the caller to judge.
    /// </summary>
    private static Failure? CheckSignedRequest(HttpRequest request, SandboxState state, bool requireAuthorization, out SignedText signed)
    {
        signed = default;
        FaspayCredentials credentials = state.Options.Faspay;

        if (!SandboxHttp.SecretEquals(SandboxHttp.Header(request, "faspay-key"), credentials.FaspayKey))
        {
            return new Failure(InvalidKey, "Invalid faspay-key");
        }

        string? timestamp = SandboxHttp.Header(request, "faspay-timestamp");
        if (!FaspaySignature.TryParseTimestamp(timestamp, out DateTimeOffset instant) ||
            (instant - state.Now).Duration() > state.Options.FaspayTimestampTolerance)
        {
            return new Failure(InvalidTimestamp, "Invalid or expired faspay-timestamp");
        }

        string? authorization = SandboxHttp.Header(request, "faspay-authorization");
        if ((requireAuthorization || authorization is not null) &&
            !SandboxHttp.SecretEquals(authorization, FaspaySignature.Authorization(credentials)))
        {
            return new Failure(InvalidAuthorization, "Invalid faspay-authorization");
        }

        // The signature is aes("METHOD:PATH:TIMESTAMP:TOKEN_PART:"). Decrypt it to learn PATH and TOKEN_PART, then
        // recompute it from those with the public algorithm and require the exact same header value.
        string? signature = SandboxHttp.Header(request, "faspay-signature");
        string method = request.Method.ToUpperInvariant();
        if (!FaspaySignature.TryDecrypt(signature, credentials.FaspaySecret, credentials.Iv, out string? text) ||
            !TryParseSignedText(text!, method, timestamp!, out signed) ||
            !SandboxHttp.SecretEquals(signature, FaspaySignature.Signature(credentials, method, signed.Path, timestamp!, signed.TokenPart)))
        {
            signed = default;
            return new Failure(InvalidSignature, "Invalid faspay-signature");
        }

        return null;
    }

    private static bool TryParseSignedText(string text, string method, string timestamp, out SignedText signed)
    {
        signed = default;
        string head = method + ":";
        if (!text.StartsWith(head, StringComparison.Ordinal) || !text.EndsWith(':'))
        {
            return false;
        }

        int pathEnd = text.IndexOf(':', head.Length);
        if (pathEnd < 0)
        {
            return false;
        }

        string path = text.Substring(head.Length, pathEnd - head.Length);
        string stamp = ":" + timestamp + ":";
        if (string.CompareOrdinal(text, pathEnd, stamp, 0, stamp.Length) != 0)
        {
            return false;
        }

        int tokenStart = pathEnd + stamp.Length;
        int tokenLength = text.Length - 1 - tokenStart;
        if (tokenLength <= 0)
        {
            return false;
        }

        signed = new SignedText(path, text.Substring(tokenStart, tokenLength));
        return true;
    }

    /// <summary>ACCESS_TOKEN out of base64("CLIENT_KEY:CLIENT_SECRET:ACCESS_TOKEN"), or null.</summary>
    private static string? AccessTokenOf(string tokenPart, FaspayCredentials credentials)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(tokenPart));
        }
        catch (FormatException)
        {
            return null;
        }

        string prefix = credentials.ClientKey + ":" + credentials.ClientSecret + ":";
        return decoded.Length > prefix.Length && SandboxHttp.SecretEquals(decoded.Substring(0, prefix.Length), prefix)
            ? decoded.Substring(prefix.Length)
            : null;
    }

    private static IResult Reject(SandboxState state, Failure failure) =>
        state.Options.FaspayNumbersAsJsonNumbers
            ? SandboxHttp.Json(
                new { status = 9, message = failure.Message, response_code = failure.Code, response_desc = "unauthorized" },
                state.Options.FaspayRejectionStatusCode)
            : SandboxHttp.Json(
                new { status = "9", message = failure.Message, response_code = failure.Code, response_desc = "unauthorized" },
                state.Options.FaspayRejectionStatusCode);

    private readonly record struct Failure(string Code, string Message);

    private readonly record struct SignedText(string Path, string TokenPart);
}
