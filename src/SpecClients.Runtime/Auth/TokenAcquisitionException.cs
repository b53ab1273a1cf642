using System;
using SpecClients.Runtime.Http;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// A token could not be obtained: the one exception a <see cref="TokenProvider"/> throws for a failed token request,
/// whatever the source (an OAuth2 token endpoint, a spec's token operation, a delegate) and whatever went wrong.
/// </summary>
/// <remarks>
/// <para>What went wrong is in <see cref="Exception.InnerException"/>: the <see cref="ApiException"/> of a refused
/// request (typed as <c>ApiException&lt;TError&gt;</c> when the spec declares the error body), an
/// <c>HttpRequestException</c> when the endpoint could not be reached, a <see cref="TimeoutException"/> when it did not
/// answer within <see cref="TokenProviderOptions.TokenRequestTimeout"/> (or the HttpClient's own timeout), or whatever a
/// token source threw.</para>
/// <para><see cref="ApiException.StatusCode"/> is the token endpoint's HTTP status, or 0 when no response arrived.
/// The message names the API, the scheme, the operation, the status and the OAuth2 <see cref="Error"/> code; it never
/// holds a credential, a token or a response body.</para>
/// <para>After a failure the provider fails fast for a short, growing while (<see cref="TokenProviderOptions.FailureBackoff"/>):
/// callers then get a new instance carrying the same details, with <see cref="RetryNotBefore"/> set and no request sent.
/// A caller's own cancellation is never reported this way: it stays an <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public class TokenAcquisitionException : ApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiName">The API name.</param>
    /// <param name="schemeName">The security scheme the token is for, or null when unknown.</param>
    /// <param name="message">What went wrong; never a secret.</param>
    /// <param name="innerException">The cause.</param>
    public TokenAcquisitionException(string apiName, string? schemeName, string message, Exception? innerException)
        : this(apiName, "token", schemeName, 0, responseBody: null, oauthError: default, message, innerException)
    {
    }

    /// <summary>The constructor behind the others.</summary>
    internal TokenAcquisitionException(
        string apiName,
        string operationId,
        string? schemeName,
        int statusCode,
        string? responseBody,
        OAuth2Error oauthError,
        string message,
        Exception? innerException)
        : base(apiName, operationId, statusCode, responseBody, message, innerException)
    {
        SchemeName = schemeName;
        Error = oauthError.Code;
        ErrorDescription = oauthError.Description;
        ErrorUri = oauthError.Uri;
    }

    /// <summary>The security scheme (as the spec names it) whose token could not be obtained; null when unknown.</summary>
    public string? SchemeName { get; }

    /// <summary>The OAuth2 error code of the response (RFC 6749 §5.2 <c>error</c>, e.g. <c>invalid_client</c>), if it had one.</summary>
    public string? Error { get; }

    /// <summary>
    /// The OAuth2 <c>error_description</c> of the response, if it had one. It is the server's text: it is kept out of
    /// <see cref="Exception.Message"/>, and should be logged with the care given to <see cref="ApiException.ResponseBody"/>.
    /// </summary>
    public string? ErrorDescription { get; }

    /// <summary>The OAuth2 <c>error_uri</c> of the response, if it had one.</summary>
    public string? ErrorUri { get; }

    /// <summary>
    /// Set when this exception was thrown without a request, because an earlier failure (described by the rest of this
    /// exception) is still within its back-off window: no request for these credentials is sent before this instant.
    /// </summary>
    public DateTimeOffset? RetryNotBefore { get; private set; }

    /// <summary>The OAuth2 error members of a response, as one value.</summary>
    internal OAuth2Error OAuthError => new(Error, ErrorDescription, ErrorUri);

    /// <summary>A copy for a caller that fails fast within the back-off window (new instance: exceptions are not rethrown across callers).</summary>
    internal virtual TokenAcquisitionException ForBackoff(string message, DateTimeOffset retryNotBefore) =>
        new TokenAcquisitionException(ApiName, OperationId, SchemeName, StatusCode, ResponseBody, OAuthError, message, InnerException)
        {
            RetryAfter = RetryAfter,
            RetryNotBefore = retryNotBefore,
        };

    /// <summary>Sets <see cref="RetryNotBefore"/> on a copy made by a derived type.</summary>
    internal TokenAcquisitionException WithRetryNotBefore(DateTimeOffset? retryNotBefore, TimeSpan? retryAfter)
    {
        RetryNotBefore = retryNotBefore;
        RetryAfter = retryAfter;
        return this;
    }
}

/// <summary>The RFC 6749 §5.2 error members of a token endpoint's response.</summary>
internal readonly struct OAuth2Error
{
    public OAuth2Error(string? code, string? description, string? uri)
    {
        Code = code;
        Description = description;
        Uri = uri;
    }

    public string? Code { get; }

    public string? Description { get; }

    public string? Uri { get; }
}
