using System;
using System.Net.Http;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth;

/// <summary>What an <see cref="IRequestSigner"/> is given.</summary>
public sealed class RequestSigningContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="request">The request to sign.</param>
    /// <param name="operationId">The operation, or empty if unknown.</param>
    /// <param name="accessToken">The current token, when the signing scheme uses one.</param>
    /// <param name="clock">The clock for timestamps.</param>
    /// <param name="schemeName">The signing scheme's name.</param>
    /// <param name="tokenTarget">For a token request: the operation the token is obtained for; otherwise null.</param>
    public RequestSigningContext(
        HttpRequestMessage request,
        string operationId,
        string? accessToken,
        TimeProvider clock,
        string schemeName = "",
        TokenTarget? tokenTarget = null)
    {
        TokenTarget = tokenTarget;
        Request = request ?? throw new ArgumentNullException(nameof(request));
        OperationId = operationId ?? throw new ArgumentNullException(nameof(operationId));
        AccessToken = accessToken;
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        SchemeName = schemeName ?? string.Empty;
    }

    /// <summary>The request to sign; its content, if any, can be read again (it is buffered).</summary>
    public HttpRequestMessage Request { get; }

    /// <summary>The specification's <c>operationId</c> (see <see cref="AuthRequestOptions.SetOperationId"/>), or empty.</summary>
    public string OperationId { get; }

    /// <summary>The token of the scheme's <see cref="TokenProvider"/>, if it has one.</summary>
    public string? AccessToken { get; }

    /// <summary>The clock to take timestamps from.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The signing scheme's name.</summary>
    public string SchemeName { get; }

    /// <summary>
    /// Set when this request is a token request made for another operation (a token scheme with
    /// <c>x-token send: signature</c> obtaining its token when that operation is called): which operation, and its path
    /// template. Faspay's SDKs sign the token request over the path of that service; <see langword="null"/> for every
    /// other request, and for a token operation called directly.
    /// </summary>
    public TokenTarget? TokenTarget { get; }

    /// <summary>Describes the context without revealing the token.</summary>
    /// <returns>A masked description.</returns>
    public override string ToString() =>
        "RequestSigningContext { Scheme = " + SchemeName + ", OperationId = " + OperationId
        + ", AccessToken = " + (AccessToken is null ? "none" : SecretMask.Mask(AccessToken))
        + (TokenTarget is null ? string.Empty : ", TokenTarget = " + TokenTarget) + " }";
}
