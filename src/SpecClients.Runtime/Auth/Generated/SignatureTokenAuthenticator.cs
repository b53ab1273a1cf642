using System;
using System.ComponentModel;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>
/// A token that is never sent by itself but signed into the request (<c>x-token send: signature</c>, Faspay SendMe):
/// obtains it and hands it to the <see cref="SigningAuthenticator"/> of the same security requirement, which the
/// <see cref="RequestAuthorizer"/> applies afterwards. On a 401 it drops exactly the token it handed over. Tokens are
/// obtained for, and cached per, the operation being called (<see cref="TokenProvider.ForTarget"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SignatureTokenAuthenticator : IRequestAuthenticator, ICredentialRejecting
{
    /// <summary>The request property under which the token waits for the signer.</summary>
    internal const string TokenForSignerKey = "SpecClients.Auth.TokenForSigner";

    private readonly TokenProvider _provider;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="schemeName">The token scheme's name.</param>
    /// <param name="tokenProvider">Where the token comes from.</param>
    public SignatureTokenAuthenticator(string schemeName, TokenProvider tokenProvider)
    {
        SchemeName = schemeName ?? throw new ArgumentNullException(nameof(schemeName));
        _provider = tokenProvider ?? throw new ArgumentNullException(nameof(tokenProvider));
    }

    /// <inheritdoc />
    public string SchemeName { get; }

    /// <summary>
    /// How the server refuses the token in a success response (<c>x-token</c> <c>rejected-when</c>); such a response is
    /// handled as a 401. <see langword="null"/>: refusals come as 401 only.
    /// </summary>
    public CredentialRejection? RejectedWhen { get; set; }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var token = await ProviderFor(request).GetTokenAsync(cancellationToken).ConfigureAwait(false);
        RequestProperties.Set(request, TokenForSignerKey, token);
    }

    /// <inheritdoc />
    public async ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (!RequestProperties.TryGet<AccessToken>(request, TokenForSignerKey, out var applied) || applied is null)
        {
            return false;
        }

        await ProviderFor(request).InvalidateAsync(applied, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The provider of tokens for the request's operation: a signed-in token is requested for one service (its token
    /// request is signed over that service's path) and may be tied to it, so tokens are obtained and cached per
    /// operation path (<see cref="TokenProvider.ForTarget"/>).
    /// </summary>
    private TokenProvider ProviderFor(HttpRequestMessage request) =>
        _provider.Target is not null
            ? _provider
            : _provider.ForTarget(new TokenTarget(AuthRequestOptions.GetOperationId(request) ?? string.Empty, AuthRequestOptions.GetPathTemplate(request)));

    /// <summary>Describes the authenticator.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => "SignatureTokenAuthenticator { Scheme = " + SchemeName + " }";
}
