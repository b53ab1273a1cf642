using System;
using System.Net;

namespace SpecClients.Runtime.Http;

/// <summary>
/// An operation returned a status its spec does not declare as success. The message names the API, the operation and
/// the status; the response body is available in <see cref="ResponseBody"/> but never copied into the message.
/// </summary>
public class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiName">The API (spec) name.</param>
    /// <param name="operationId">The operation's id in the spec.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="responseBody">The response body as text, if any.</param>
    /// <param name="message">The message; a default one is built when null.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ApiException(string apiName, string operationId, int statusCode, string? responseBody, string? message = null, Exception? innerException = null)
        : base(message ?? DefaultMessage(apiName, operationId, statusCode), innerException)
    {
        ApiName = apiName;
        OperationId = operationId;
        StatusCode = statusCode;
        ResponseBody = responseBody;
    }

    /// <summary>The API (spec) name.</summary>
    public string ApiName { get; }

    /// <summary>The operation's id in the spec.</summary>
    public string OperationId { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The response body as text, if any. It comes from the server: log it with care.</summary>
    public string? ResponseBody { get; }

    /// <summary>
    /// How long the server asked to wait before trying again (its <c>Retry-After</c>), if it did: typically with 429 or
    /// 503 when the wait was longer than <see cref="ApiRetryPolicy.MaxDelay"/> or the request was not safe to repeat.
    /// </summary>
    public TimeSpan? RetryAfter { get; internal set; }

    private static string DefaultMessage(string apiName, string operationId, int statusCode)
    {
        var reason = Enum.IsDefined(typeof(HttpStatusCode), statusCode) ? " (" + (HttpStatusCode)statusCode + ")" : string.Empty;
        return $"{apiName} operation '{operationId}' failed with HTTP {statusCode}{reason}.";
    }
}

/// <summary>An <see cref="ApiException"/> whose body matched the error schema the spec declares for that status.</summary>
/// <typeparam name="TError">The generated error type.</typeparam>
public sealed class ApiException<TError> : ApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiName">The API (spec) name.</param>
    /// <param name="operationId">The operation's id in the spec.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="responseBody">The response body as text.</param>
    /// <param name="error">The typed error body.</param>
    public ApiException(string apiName, string operationId, int statusCode, string? responseBody, TError error)
        : base(apiName, operationId, statusCode, responseBody)
    {
        Error = error;
    }

    /// <summary>The typed error body.</summary>
    public TError Error { get; }
}

/// <summary>A response arrived but could not be read as the spec says: malformed JSON, a wrong type, a missing member or an oversized body.</summary>
public sealed class ApiResponseFormatException : ApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiName">The API (spec) name.</param>
    /// <param name="operationId">The operation's id in the spec.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="problem">What was wrong, without any value from the body.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ApiResponseFormatException(string apiName, string operationId, int statusCode, string problem, Exception? innerException = null)
        : base(apiName, operationId, statusCode, responseBody: null, $"{apiName} operation '{operationId}' returned HTTP {statusCode} with a body that could not be read: {problem}", innerException)
    {
    }
}
