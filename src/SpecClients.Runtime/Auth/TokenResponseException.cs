using System;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// A token operation answered with success but without a usable token: a <see cref="TokenAcquisitionException"/> whose
/// <see cref="Response"/> may say why (Faspay SendMe refuses with HTTP 200 and <c>"status":"9"</c>).
/// </summary>
public sealed class TokenResponseException : TokenAcquisitionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiName">The API name.</param>
    /// <param name="operationId">The token operation.</param>
    /// <param name="message">What was missing; never a secret.</param>
    public TokenResponseException(string apiName, string operationId, string message)
        : this(apiName, operationId, message, response: null)
    {
    }

    /// <summary>Creates the exception with the response the token was missing from.</summary>
    /// <param name="apiName">The API name.</param>
    /// <param name="operationId">The token operation.</param>
    /// <param name="message">What was missing; never a secret.</param>
    /// <param name="response">The typed response (a generated record), or null.</param>
    public TokenResponseException(string apiName, string operationId, string message, object? response)
        : this(apiName, operationId, schemeName: null, message, response, innerException: null)
    {
    }

    /// <summary>The constructor behind the others; the provider's copy names the scheme and holds the source's exception.</summary>
    internal TokenResponseException(string apiName, string operationId, string? schemeName, string message, object? response, Exception? innerException)
        : base(apiName, operationId, schemeName, 200, responseBody: null, oauthError: default, message, innerException)
    {
        Response = response;
    }

    /// <summary>
    /// The typed response of the token operation, e.g. Faspay's <c>TokenResponse</c> with its <c>Status</c>, <c>Message</c>
    /// and <c>ResponseCode</c> saying why no token was issued; null when unknown. Its <c>ToString()</c> masks secrets.
    /// </summary>
    public object? Response { get; }

    /// <inheritdoc />
    internal override TokenAcquisitionException ForBackoff(string message, DateTimeOffset retryNotBefore) =>
        new TokenResponseException(ApiName, OperationId, SchemeName, message, Response, InnerException).WithRetryNotBefore(retryNotBefore, RetryAfter);
}
