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
}
