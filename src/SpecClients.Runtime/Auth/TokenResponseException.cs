using SpecClients.Runtime.Http;

namespace SpecClients.Runtime.Auth;

/// <summary>A token operation answered with success but without a usable token.</summary>
public sealed class TokenResponseException : ApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiName">The API name.</param>
    /// <param name="operationId">The token operation.</param>
    /// <param name="message">What was missing; never a secret.</param>
    public TokenResponseException(string apiName, string operationId, string message)
        : base(apiName, operationId, 200, responseBody: null, message)
    {
    }

    /// <summary>Creates the exception with the response the token was missing from.</summary>
    /// <param name="apiName">The API name.</param>
    /// <param name="operationId">The token operation.</param>
    /// <param name="message">What was missing; never a secret.</param>
    /// <param name="response">The typed response (a generated record), or null.</param>
    public TokenResponseException(string apiName, string operationId, string message, object? response)
        : base(apiName, operationId, 200, responseBody: null, message)
    {
        Response = response;
    }

    /// <summary>
    /// The typed response of the token operation, e.g. Faspay's <c>TokenResponse</c> with its <c>Status</c>, <c>Message</c>
    /// and <c>ResponseCode</c> saying why no token was issued; null when unknown. Its <c>ToString()</c> masks secrets.
    /// </summary>
    public object? Response { get; }
}
