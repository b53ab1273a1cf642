using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using SpecClients.Runtime.Http;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>
/// Turns whatever a token source threw into the one <see cref="TokenAcquisitionException"/> callers see: the cause
/// goes inside, the message is built here from values that hold no secret (names, status, the OAuth2 error code).
/// </summary>
internal static class TokenFailures
{
    private const int MaxErrorCodeLength = 64;

    /// <summary>Describes a failed request; <paramref name="cause"/> is what the source threw (or the timeout).</summary>
    public static TokenAcquisitionException Describe(Exception cause, string apiName, string? schemeName)
    {
        if (cause is TokenAcquisitionException { SchemeName: not null } described)
        {
            return described; // already ours (a source backed by another provider)
        }

        var scheme = schemeName ?? (cause as TokenAcquisitionException)?.SchemeName;
        var subject = apiName + ": no token for security scheme '" + (scheme ?? "?") + "'";
        switch (cause)
        {
            case TokenResponseException response:
                return new TokenResponseException(response.ApiName, response.OperationId, scheme, subject + ": " + response.Message, response.Response, response);
            case ApiException api:
            {
                var oauth = ReadOAuth2Error(api.ResponseBody);
                var code = PrintableErrorCode(oauth.Code) is { } printable ? " (OAuth2 error '" + printable + "')" : string.Empty;
                var what = api.GetType() == typeof(ApiException) || api.GetType().IsGenericType
                    ? "operation '" + api.OperationId + "' answered HTTP " + api.StatusCode + StatusName(api.StatusCode) + code + "."
                    : api.Message;
                return new TokenAcquisitionException(api.ApiName, api.OperationId, scheme, api.StatusCode, api.ResponseBody, oauth, subject + ": " + what, api)
                    .WithRetryNotBefore(null, api.RetryAfter);
            }

            case HttpRequestException http:
                return new TokenAcquisitionException(
                    apiName, "token", scheme, StatusOf(http), responseBody: null, oauthError: default,
                    subject + ": the token endpoint could not be reached (" + http.Message + ").", http);
            case TimeoutException timeout:
                return new TokenAcquisitionException(
                    apiName, "token", scheme, 0, responseBody: null, oauthError: default, subject + ": " + timeout.Message, timeout);
            case OperationCanceledException { InnerException: TimeoutException clientTimeout }:
                // HttpClient.Timeout: the client gave up, nobody cancelled.
                return new TokenAcquisitionException(
                    apiName, "token", scheme, 0, responseBody: null, oauthError: default, subject + ": " + clientTimeout.Message, clientTimeout);
            default:
                return new TokenAcquisitionException(
                    apiName, "token", scheme, 0, responseBody: null, oauthError: default,
                    subject + ": the token source threw " + cause.GetType().Name + ": " + cause.Message, cause);
        }
    }

    /// <summary>The copy a caller within the back-off window gets instead of a request.</summary>
    public static TokenAcquisitionException ForBackoff(TokenAcquisitionException last, DateTimeOffset retryNotBefore) =>
        last.ForBackoff(
            last.Message + " Not retried before " + retryNotBefore.ToString("O", CultureInfo.InvariantCulture)
            + " (TokenProviderOptions.FailureBackoff).",
            retryNotBefore);

    /// <summary>The RFC 6749 §5.2 members of a JSON error body; none when the body is not a JSON object with them.</summary>
    public static OAuth2Error ReadOAuth2Error(string? body)
    {
        if (string.IsNullOrEmpty(body) || body!.TrimStart() is not { Length: > 0 } trimmed || trimmed[0] != '{')
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return new OAuth2Error(StringMember(root, "error"), StringMember(root, "error_description"), StringMember(root, "error_uri"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? StringMember(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The OAuth2 error code when it looks like one (RFC 6749 codes are short ASCII words), else null: only such a code
    /// goes into a message; anything else a server put there stays in the exception's properties, out of logged messages.
    /// </summary>
    public static string? PrintableErrorCode(string? code)
    {
        if (string.IsNullOrEmpty(code) || code!.Length > MaxErrorCodeLength)
        {
            return null;
        }

        foreach (var c in code)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.'))
            {
                return null;
            }
        }

        return code;
    }

    private static string StatusName(int status) =>
        Enum.IsDefined(typeof(HttpStatusCode), status) ? " (" + (HttpStatusCode)status + ")" : string.Empty;

    private static int StatusOf(HttpRequestException exception) =>
#if NET
        exception.StatusCode is { } status ? (int)status : 0;
#else
        0;
#endif
}
