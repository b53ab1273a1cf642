using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;
using SpecClients.Runtime.Http;

namespace SpecClients.Runtime.Auth.Generated;

/// <summary>The OAuth2 grants a client can run by itself, without a user at a browser.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum OAuth2Grant
{
    /// <summary>RFC 6749 §4.4: the client's own credentials.</summary>
    ClientCredentials,

    /// <summary>RFC 6749 §4.3: a resource owner's user name and password.</summary>
    Password,
}

/// <summary>
/// An RFC 6749 token endpoint client for security schemes whose <c>flows</c> give a <c>tokenUrl</c>: posts the grant as a
/// form with the client credentials in HTTP Basic (client_secret_basic) or in the form (client_secret_post), uses the
/// refresh token when there is one (at the <c>refreshUrl</c> when one is given), and reads <c>access_token</c>,
/// <c>expires_in</c> and <c>refresh_token</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OAuth2TokenClient
{
    private const long MaxResponseBytes = 1024 * 1024;

    private readonly HttpClient _httpClient;
    private readonly string _apiName;
    private readonly Uri _tokenUrl;
    private readonly AutomaticRedirects _handlerRedirects;
    private readonly bool _allowInsecureHttp;
    private Uri? _refreshUrl;

    /// <summary>Creates the client.</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="apiName">The API name, for errors.</param>
    /// <param name="tokenUrl">The absolute token URL.</param>
    /// <param name="allowInsecureHttp">Allows sending the client secret over plain http to a host that is not loopback.</param>
    public OAuth2TokenClient(HttpClient httpClient, string apiName, Uri tokenUrl, bool allowInsecureHttp = false)
    {
        if (!allowInsecureHttp && tokenUrl is not null)
        {
            TransportSecurity.RequireHttpsForCredentials(tokenUrl, apiName);
        }

        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _apiName = apiName;
        _tokenUrl = tokenUrl ?? throw new ArgumentNullException(nameof(tokenUrl));
        _handlerRedirects = Redirects.Disable(httpClient);
        _allowInsecureHttp = allowInsecureHttp;
    }

    /// <summary>How the client authenticates to the token endpoint; <see cref="OAuth2ClientAuthentication.ClientSecretBasic"/> by default.</summary>
    public OAuth2ClientAuthentication ClientAuthentication { get; set; }

    /// <summary>Where refresh-token grants go (the flow's <c>refreshUrl</c>); null: the token URL.</summary>
    public Uri? RefreshUrl
    {
        get => _refreshUrl;
        set
        {
            if (value is not null && !_allowInsecureHttp)
            {
                TransportSecurity.RequireHttpsForCredentials(value, _apiName);
            }

            _refreshUrl = value;
        }
    }

    /// <summary>Resolves a spec's <c>tokenUrl</c>, which may be relative to the server (PayPal's <c>/v1/oauth2/token</c>),
    /// as an RFC 3986 relative reference against the server URL.</summary>
    /// <param name="tokenUrl">The URL as the spec writes it.</param>
    /// <param name="server">The server the client talks to; read only for a relative URL.</param>
    /// <returns>The absolute URL.</returns>
    public static Uri ResolveTokenUrl(string tokenUrl, Func<Uri> server)
    {
        if (Uri.TryCreate(tokenUrl, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }

        // OpenAPI: relative URLs resolve against the server URL as RFC 3986 relative references, so "/oauth/token"
        // replaces the server's path and "oauth/token" replaces its last segment (the base keeps it only with a trailing '/').
        return new Uri(server(), tokenUrl);
    }

    /// <summary>Requests a token; with <see cref="TokenRequestContext.RefreshToken"/> set, uses the refresh_token grant.</summary>
    /// <param name="context">The request context.</param>
    /// <param name="grant">The grant to run when there is no refresh token.</param>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="scope">
    /// Space-separated scopes set by the user, which win; null: the context's <see cref="TokenRequestContext.Scope"/>
    /// (the operation's scopes), else none (the server's default).
    /// </param>
    /// <param name="username">The resource owner's user name (password grant).</param>
    /// <param name="password">The resource owner's password (password grant).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token.</returns>
    public async ValueTask<AccessToken> RequestAsync(TokenRequestContext context, OAuth2Grant grant, string? clientId, string? clientSecret, string? scope, string? username, string? password, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (string.IsNullOrEmpty(clientId))
        {
            throw new InvalidOperationException(_apiName + ": an OAuth2 client id is required to request a token.");
        }

        var fields = new List<KeyValuePair<string, string?>>();
        if (context.RefreshToken is not null)
        {
            fields.Add(new("grant_type", "refresh_token"));
            fields.Add(new("refresh_token", context.RefreshToken));
        }
        else if (grant == OAuth2Grant.Password)
        {
            if (username is null || password is null)
            {
                throw new InvalidOperationException(_apiName + ": the OAuth2 password grant needs a user name and a password.");
            }

            fields.Add(new("grant_type", "password"));
            fields.Add(new("username", username));
            fields.Add(new("password", password));
        }
        else
        {
            fields.Add(new("grant_type", "client_credentials"));
        }

        var requestedScope = string.IsNullOrWhiteSpace(scope) ? context.Scope : scope;
        if (requestedScope is not null)
        {
            fields.Add(new("scope", requestedScope));
        }

        // RFC 6749 §2.3.1: the client id and secret go either in the form or, form-urlencoded, in HTTP Basic.
        string? basicCredentials = null;
        if (ClientAuthentication == OAuth2ClientAuthentication.ClientSecretPost)
        {
            fields.Add(new("client_id", clientId));
            if (clientSecret is not null)
            {
                fields.Add(new("client_secret", clientSecret));
            }
        }
        else
        {
            basicCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(FormEncode(clientId!) + ":" + FormEncode(clientSecret ?? string.Empty)));
        }

        var request = new ApiRequest("oauth2.token", HttpMethod.Post, string.Empty);
        request.SetFormBody(fields);
        if (_handlerRedirects == AutomaticRedirects.On)
        {
            throw new InvalidOperationException(Redirects.HandlerFollowsRedirectsMessage(_apiName));
        }

        // The grant and the client credentials go to the token URL's origin only: a redirect elsewhere is refused, and
        // a token can come from nowhere else.
        var endpoint = context.RefreshToken is not null && _refreshUrl is not null ? _refreshUrl : _tokenUrl;
        Uri? redirectedTo = null;
        var redirectedAsGet = false;
        for (var redirects = 0; ; redirects++)
        {
            using var message = request.ToHttpRequestMessage(endpoint);
            if (redirectedTo is not null)
            {
                Redirects.Redirect(message, redirectedTo, redirectedAsGet);
            }

            if (basicCredentials is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Basic", basicCredentials);
            }

            AuthRequestOptions.MarkAuthenticated(message);
            var sentTo = message.RequestUri!;
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            Redirects.ThrowIfHandlerLeftOrigin(response, sentTo, carriesCredentials: true, _apiName, "oauth2.token");
            if (Redirects.Target(response, sentTo) is { } target && redirects < Redirects.MaxRedirects)
            {
                if (!Redirects.MayFollow(sentTo, target, carriesCredentials: true))
                {
                    throw new RedirectRefusedException(_apiName, "oauth2.token", (int)response.StatusCode, sentTo, target);
                }

                redirectedAsGet |= Redirects.BecomesGet(response.StatusCode, message.Method);
                redirectedTo = target;
                continue;
            }

            return await ReadTokenAsync(response, context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>application/x-www-form-urlencoded</c> encoding (RFC 6749 Appendix B), which client_secret_basic applies to the
    /// client id and secret before Base64: a space becomes <c>+</c>, and <c>+</c>, <c>:</c> and <c>%</c> are escaped.
    /// </summary>
    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+");

    private async ValueTask<AccessToken> ReadTokenAsync(HttpResponseMessage response, TokenRequestContext context, CancellationToken cancellationToken)
    {
        var body = await ApiResponse.ReadAsync(response, _apiName, "oauth2.token", MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        var parsed = Parse(body);
        if (!body.IsSuccess)
        {
            var reason = TokenFailures.PrintableErrorCode(parsed.Error) is { } code ? " (" + code + ")" : string.Empty;
            throw new ApiException(_apiName, "oauth2.token", body.StatusCode, body.ReadText(), $"{_apiName} OAuth2 token request failed with HTTP {body.StatusCode}{reason}.");
        }

        return TokenResponseValues.CreateToken(_apiName, "oauth2.token", "access_token", context, parsed.AccessToken, null, parsed.ExpiresIn, parsed.RefreshToken ?? context.RefreshToken);
    }

    private (string? AccessToken, long? ExpiresIn, string? RefreshToken, string? Error) Parse(ApiResponse response)
    {
        if (response.Body.Length == 0)
        {
            return default;
        }

        try
        {
            var reader = new Utf8JsonReader(response.Body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            string? accessToken = null, refreshToken = null, error = null;
            long? expiresIn = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "access_token" when reader.TokenType == JsonTokenType.String:
                        accessToken = reader.GetString();
                        break;
                    case "refresh_token" when reader.TokenType == JsonTokenType.String:
                        refreshToken = reader.GetString();
                        break;
                    case "error" when reader.TokenType == JsonTokenType.String:
                        error = reader.GetString();
                        break;
                    case "expires_in" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds):
                        expiresIn = seconds;
                        break;
                    case "expires_in" when reader.TokenType == JsonTokenType.String:
                        expiresIn = TokenResponseValues.Seconds(reader.GetString());
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return (accessToken, expiresIn, refreshToken, error);
        }
        catch (JsonException ex)
        {
            if (!response.IsSuccess)
            {
                return default;
            }

            throw new ApiResponseFormatException(_apiName, "oauth2.token", response.StatusCode, "malformed JSON", ex);
        }
    }
}
