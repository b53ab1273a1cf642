using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// Attaches the token of a <see cref="TokenProvider"/>, and on a 401 drops exactly the token it put on that request.
/// </summary>
public sealed class TokenAuthenticator : IRequestAuthenticator
{
    private static int s_instances;

    private readonly TokenProvider _provider;
    private readonly TokenFormat _format;
    private readonly string _appliedTokenKey;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="schemeName">The security scheme's name.</param>
    /// <param name="tokenProvider">Where the token comes from.</param>
    /// <param name="parameterName">The header (or query parameter, or cookie) name; <c>Authorization</c> by default.</param>
    /// <param name="format">How the token is written; <see cref="TokenFormat.Bearer"/> by default.</param>
    /// <param name="location">Where the token goes; a header by default.</param>
    public TokenAuthenticator(
        string schemeName,
        TokenProvider tokenProvider,
        string parameterName = "Authorization",
        TokenFormat? format = null,
        ApiKeyLocation location = ApiKeyLocation.Header)
    {
        SchemeName = schemeName ?? throw new ArgumentNullException(nameof(schemeName));
        _provider = tokenProvider ?? throw new ArgumentNullException(nameof(tokenProvider));
        if (location is < ApiKeyLocation.Header or > ApiKeyLocation.Cookie)
        {
            throw new ArgumentOutOfRangeException(nameof(location), location, "Unknown credential location.");
        }

        CredentialPlacement.ValidateName(schemeName, location, parameterName);
        ParameterName = parameterName;
        Location = location;
        _format = format ?? TokenFormat.Bearer;
        _appliedTokenKey = "SpecClients.Auth.AppliedToken." + Interlocked.Increment(ref s_instances).ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public string SchemeName { get; }

    /// <summary>The header, query parameter or cookie name.</summary>
    public string ParameterName { get; }

    /// <summary>Where the token goes.</summary>
    public ApiKeyLocation Location { get; }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var token = await _provider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var value = _format.Apply(token.Value);
        CredentialPlacement.ValidateValue(SchemeName, Location, value, "token");
        CredentialPlacement.Apply(request, Location, ParameterName, value);
        RequestProperties.Set(request, _appliedTokenKey, token);
    }

    /// <summary>Drops the token this authenticator put on <paramref name="request"/>, if it is still the cached one.</summary>
    /// <param name="request">The rejected request.</param>
    /// <param name="cancellationToken">Cancels the invalidation.</param>
    /// <returns><see langword="true"/> if this authenticator authenticated the request (a retry gets a new token).</returns>
    public async ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (!RequestProperties.TryGet<AccessToken>(request, _appliedTokenKey, out var applied) || applied is null)
        {
            return false;
        }

        await _provider.InvalidateAsync(applied, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Describes the authenticator.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() =>
        "TokenAuthenticator { Scheme = " + SchemeName + ", In = " + Location + ", Name = " + ParameterName + ", Format = " + _format + " }";
}
