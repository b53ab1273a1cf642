using System;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth;
using SpecClients.Samples.Faspay;

namespace SpecClients.Samples.ProviderTour;

/// <summary>
/// The signing hook Faspay SendMe needs and OpenAPI cannot describe: the four <c>faspay-*</c> headers, computed as
/// Faspay's own SDKs do (AES-256-CBC over <c>METHOD:PATH:TIMESTAMP:TOKEN_PART:</c>). The generated client calls it for
/// every request of the <c>faspaySignature</c> scheme, with the access token once one is needed.
/// <para>
/// The token request is signed, by default, over the path of the service the token is for
/// (<see cref="FaspayTokenSigning.ServicePath"/>, the SDKs' behaviour): the client says which operation that is in
/// <see cref="RequestSigningContext.TokenTarget"/>. <see cref="FaspayTokenSigning.TokensEndpoint"/> signs
/// <c>/account/api/tokens</c> instead, the other reading of the docs.
/// </para>
/// </summary>
public sealed class FaspayRequestSigner : IIdentifiedRequestSigner
{
    private readonly FaspayCredentials _credentials;
    private readonly FaspayTokenSigning _tokenSigning;

    /// <summary>Creates the signer.</summary>
    /// <param name="credentials">The seven Faspay credentials.</param>
    /// <param name="tokenSigning">Which path the token request is signed over.</param>
    public FaspayRequestSigner(FaspayCredentials credentials, FaspayTokenSigning tokenSigning = FaspayTokenSigning.ServicePath)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _tokenSigning = tokenSigning;
    }

    /// <summary>
    /// The service path to sign a token request over when the client does not say which operation the token is for
    /// (<c>getAccessToken</c> called directly), e.g. <c>/account/api/balance_inquiry</c>. Null (the default): such a
    /// request fails before it is sent, since the SDKs' reading needs a service.
    /// </summary>
    public string? DirectTokenRequestService { get; init; }

    /// <summary>The account the tokens belong to: Faspay key and client key are identifiers, not secrets (and are hashed).</summary>
    public string CredentialIdentity => _credentials.FaspayKey + ":" + _credentials.ClientKey;

    /// <inheritdoc />
    public ValueTask SignAsync(RequestSigningContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var timestamp = FaspaySignature.FormatTimestamp(context.Clock.GetUtcNow());
        var path = SignedPath(context);
        var tokenPart = FaspaySignature.TokenPart(_credentials, context.AccessToken);
        var signature = FaspaySignature.Signature(_credentials, request.Method.Method, path, timestamp, tokenPart);

        request.Headers.TryAddWithoutValidation("faspay-key", _credentials.FaspayKey);
        request.Headers.TryAddWithoutValidation("faspay-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("faspay-signature", signature);
        request.Headers.TryAddWithoutValidation("faspay-authorization", FaspaySignature.Authorization(_credentials));
        return default;
    }

    // Every later call carries the access token; only the token request goes without one.
    private string SignedPath(RequestSigningContext context)
    {
        if (context.AccessToken is not null || _tokenSigning == FaspayTokenSigning.TokensEndpoint)
        {
            // The path as Faspay sees it (no sandbox prefix).
            return AuthRequestOptions.GetApiPath(context.Request);
        }

        return context.TokenTarget is { } target ? FaspaySignature.ServicePath(target.Path)
            : DirectTokenRequestService is { } service ? service
            : throw new InvalidOperationException(
                "Faspay's SDKs sign the token request over the path of the service the token is for, and this token request "
                + "names none: let the client obtain the token when it calls that service, set DirectTokenRequestService, or sign with "
                + "FaspayTokenSigning.TokensEndpoint.");
    }
}
