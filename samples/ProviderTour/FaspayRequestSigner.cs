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
/// </summary>
public sealed class FaspayRequestSigner : IIdentifiedRequestSigner
{
    private readonly FaspayCredentials _credentials;

    /// <summary>Creates the signer.</summary>
    /// <param name="credentials">The seven Faspay credentials.</param>
    public FaspayRequestSigner(FaspayCredentials credentials) =>
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));

    /// <summary>The account the tokens belong to: Faspay key and client key are identifiers, not secrets (and are hashed).</summary>
    public string CredentialIdentity => _credentials.FaspayKey + ":" + _credentials.ClientKey;

    /// <inheritdoc />
    public ValueTask SignAsync(RequestSigningContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var timestamp = FaspaySignature.FormatTimestamp(context.Clock.GetUtcNow());

        // The path as Faspay sees it (no sandbox prefix), and the token part: with the access token on later calls.
        var path = AuthRequestOptions.GetApiPath(request);
        var tokenPart = FaspaySignature.TokenPart(_credentials, context.AccessToken);
        var signature = FaspaySignature.Signature(_credentials, request.Method.Method, path, timestamp, tokenPart);

        request.Headers.TryAddWithoutValidation("faspay-key", _credentials.FaspayKey);
        request.Headers.TryAddWithoutValidation("faspay-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("faspay-signature", signature);
        request.Headers.TryAddWithoutValidation("faspay-authorization", FaspaySignature.Authorization(_credentials));
        return default;
    }
}
