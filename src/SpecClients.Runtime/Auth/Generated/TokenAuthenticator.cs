using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>
/// Attaches the token of a <see cref="TokenProvider"/>, and on a 401 drops exactly the token it put on that request.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TokenAuthenticator : IRequestAuthenticator, ICredentialRejecting
{
    private readonly TokenProvider _provider;
    private readonly TokenFormat _format;

    // The last token applied and the value it was sent as, so that formatting and validating happen once per token,
    // and a 401 can be traced back to the token on the request by the value the request carries.
    private SentToken? _last;

    // RequestsOperationScopes: the providers of the scope lists seen so far, by list instance; copied on write, bounded
    // so that callers who build a requirement per request cannot grow it (ForScopes still gives them the right provider).
    private const int MaxScopeLists = 64;
    private KeyValuePair<IReadOnlyList<string>, TokenProvider>[] _scopedProviders = Array.Empty<KeyValuePair<IReadOnlyList<string>, TokenProvider>>();

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
    }

    /// <inheritdoc />
    public string SchemeName { get; }

    /// <summary>The header, query parameter or cookie name.</summary>
    public string ParameterName { get; }

    /// <summary>Where the token goes.</summary>
    public ApiKeyLocation Location { get; }

    /// <summary>
    /// How the server refuses the token in a success response (<c>x-token</c> <c>rejected-when</c>); such a response is
    /// handled as a 401. <see langword="null"/>: refusals come as 401 only.
    /// </summary>
    public CredentialRejection? RejectedWhen { get; set; }

    /// <summary>
    /// Whether each request gets a token for the scopes its security requirement lists for this scheme
    /// (<see cref="SecurityRequirement.GetScopes"/>), obtained and cached per scope set (<see cref="TokenProvider.ForScopes"/>).
    /// Off: every request gets the token of the provider given to the constructor (generated clients turn it off when
    /// the options set a scope, which then wins).
    /// </summary>
    public bool RequestsOperationScopes { get; set; }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var provider = ProviderFor(request);
        var token = await provider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var sent = Volatile.Read(ref _last);
        if (sent is null || !ReferenceEquals(sent.Provider, provider) || !string.Equals(sent.Token.Value, token.Value, StringComparison.Ordinal))
        {
            var value = _format.Apply(token.Value);
            CredentialPlacement.ValidateValue(SchemeName, Location, value, "token");
            sent = new SentToken(provider, token, value);
            Volatile.Write(ref _last, sent);
        }

        CredentialPlacement.Apply(request, Location, ParameterName, sent.Value);
    }

    /// <summary>Drops the token this authenticator put on <paramref name="request"/>, if it is still the cached one.</summary>
    /// <param name="request">The rejected request.</param>
    /// <param name="cancellationToken">Cancels the invalidation.</param>
    /// <returns><see langword="true"/> if this authenticator authenticated the request (a retry gets a new token).</returns>
    /// <remarks>
    /// The token is recognised by the value the request carries where this authenticator puts it (nothing is stored
    /// on the request): the cached token is dropped if, formatted, it is what the request carries.
    /// </remarks>
    public async ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var last = Volatile.Read(ref _last);
        var carried = last is null ? null : CredentialPlacement.SentValues(request, Location, ParameterName);
        if (carried is null || carried.Count == 0)
        {
            return false;
        }

        var provider = ProviderFor(request);
        if (ReferenceEquals(last!.Provider, provider) && carried.Contains(last.Value))
        {
            await provider.InvalidateAsync(last.Token, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Not the last token applied: an older one, another scope set's, or another instance's; drop the cached token
            // only if it is that one.
            await provider.InvalidateAsync(cached => carried.Contains(_format.Apply(cached.Value)), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The provider of the scope set the request's security requirement lists for this scheme.</summary>
    private TokenProvider ProviderFor(HttpRequestMessage request)
    {
        if (!RequestsOperationScopes || AuthRequestOptions.GetRequirement(request)?.GetScopes(SchemeName) is not { Count: > 0 } scopes)
        {
            return _provider;
        }

        // Generated clients pass the same static requirements, hence the same scope lists, on every call: each list is
        // bound once, so the hit path neither sorts nor hashes the scopes.
        var known = Volatile.Read(ref _scopedProviders);
        foreach (var entry in known)
        {
            if (ReferenceEquals(entry.Key, scopes))
            {
                return entry.Value;
            }
        }

        var provider = _provider.ForScopes(scopes);
        if (known.Length < MaxScopeLists)
        {
            var grown = new KeyValuePair<IReadOnlyList<string>, TokenProvider>[known.Length + 1];
            Array.Copy(known, grown, known.Length);
            grown[known.Length] = new(scopes, provider);
            Interlocked.CompareExchange(ref _scopedProviders, grown, known);
        }

        return provider;
    }

    /// <summary>Describes the authenticator.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() =>
        "TokenAuthenticator { Scheme = " + SchemeName + ", In = " + Location + ", Name = " + ParameterName + ", Format = " + _format + " }";

    /// <summary>A token, the provider it came from and the value it is sent as (formatted and validated).</summary>
    private sealed class SentToken
    {
        public SentToken(TokenProvider provider, AccessToken token, string value)
        {
            Provider = provider;
            Token = token;
            Value = value;
        }

        public TokenProvider Provider { get; }

        public AccessToken Token { get; }

        public string Value { get; }
    }
}
