using System;
using System.ComponentModel;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>
/// Calls an <see cref="IRequestSigner"/> with the token of an optional <see cref="TokenProvider"/>. Within one
/// security requirement, <see cref="RequestAuthorizer"/> applies signing schemes after all others, so a signature can
/// cover the headers they set.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SigningAuthenticator : IRequestAuthenticator
{
    private static int s_instances;

    private readonly IRequestSigner _signer;
    private readonly TokenProvider? _tokenProvider;
    private readonly TimeProvider _clock;
    private readonly string _appliedTokenKey;
    private readonly TokenTarget? _tokenTarget;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="schemeName">The security scheme's name.</param>
    /// <param name="signer">The user's signer.</param>
    /// <param name="tokenProvider">Supplies <see cref="RequestSigningContext.AccessToken"/>; none if null.</param>
    /// <param name="clock">Passed to the signer; <see cref="TimeProvider.System"/> if null.</param>
    public SigningAuthenticator(string schemeName, IRequestSigner signer, TokenProvider? tokenProvider = null, TimeProvider? clock = null)
    {
        SchemeName = schemeName ?? throw new ArgumentNullException(nameof(schemeName));
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _tokenProvider = tokenProvider;
        _clock = clock ?? TimeProvider.System;
        _appliedTokenKey = "SpecClients.Auth.SigningToken." + Interlocked.Increment(ref s_instances).ToString(CultureInfo.InvariantCulture);
    }

    private SigningAuthenticator(SigningAuthenticator signing, TokenTarget tokenTarget)
    {
        SchemeName = signing.SchemeName;
        _signer = signing._signer;
        _tokenProvider = signing._tokenProvider;
        _clock = signing._clock;
        _appliedTokenKey = signing._appliedTokenKey;
        _tokenTarget = tokenTarget;
    }

    /// <inheritdoc />
    public string SchemeName { get; }

    /// <summary>
    /// The authenticators a generated client uses for one token request: each <see cref="SigningAuthenticator"/> is
    /// replaced by one that tells its signer, through <see cref="RequestSigningContext.TokenTarget"/>, which operation
    /// the token is obtained for. Without a target (<paramref name="context"/> null or unbound) they are returned as they are.
    /// </summary>
    /// <param name="authenticators">The authenticators of the token operation.</param>
    /// <param name="context">The token request's context, whose <see cref="TokenRequestContext.Target"/> is passed on.</param>
    /// <returns>The authenticators to create the token client with.</returns>
    public static IReadOnlyList<IRequestAuthenticator> ForTokenRequest(IReadOnlyList<IRequestAuthenticator> authenticators, TokenRequestContext? context)
    {
        if (authenticators is null)
        {
            throw new ArgumentNullException(nameof(authenticators));
        }

        if (context?.Target is not { } target)
        {
            return authenticators;
        }

        var bound = new IRequestAuthenticator[authenticators.Count];
        for (var i = 0; i < bound.Length; i++)
        {
            bound[i] = authenticators[i] is SigningAuthenticator signing ? new SigningAuthenticator(signing, target) : authenticators[i];
        }

        return bound;
    }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        AccessToken? token = null;
        if (_tokenProvider is not null)
        {
            token = await _tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            RequestProperties.Set(request, _appliedTokenKey, token);
        }
        else if (RequestProperties.TryGet<AccessToken>(request, SignatureTokenAuthenticator.TokenForSignerKey, out var handedOver))
        {
            // A token scheme of the same requirement (x-token send: signature) obtained it for the signature.
            token = handedOver;
        }

        var context = new RequestSigningContext(request, AuthRequestOptions.GetOperationId(request) ?? string.Empty, token?.Value, _clock, SchemeName, _tokenTarget);
        await _signer.SignAsync(context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>With a token provider, drops the token used to sign <paramref name="request"/>; otherwise nothing changes.</summary>
    /// <param name="request">The rejected request.</param>
    /// <param name="cancellationToken">Cancels the invalidation.</param>
    /// <returns><see langword="true"/> if a token was dropped (worth one retry).</returns>
    public async ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (_tokenProvider is null || !RequestProperties.TryGet<AccessToken>(request, _appliedTokenKey, out var applied) || applied is null)
        {
            return false;
        }

        await _tokenProvider.InvalidateAsync(applied, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Describes the authenticator.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() =>
        "SigningAuthenticator { Scheme = " + SchemeName + ", UsesToken = " + (_tokenProvider is not null ? "true" : "false") + " }";
}
