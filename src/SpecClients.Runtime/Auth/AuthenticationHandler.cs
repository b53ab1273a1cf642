using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// Authenticates the requests of an ordinary <see cref="HttpClient"/> with a fixed list of security alternatives.
/// Requests already marked authenticated (see <see cref="AuthRequestOptions"/>) pass untouched. On a 401, if an applied
/// authenticator says its state changed, the request is sent once more with the same body bytes; never more.
/// </summary>
/// <remarks>
/// The request body is buffered in memory before the first send, so that it can be re-sent intact.
/// Only asynchronous sends are supported.
/// </remarks>
public sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly RequestAuthorizer _authorizer;
    private readonly IReadOnlyList<SecurityRequirement> _alternatives;

    /// <summary>Creates a handler (the inner handler is set later, e.g. by <c>IHttpClientFactory</c>).</summary>
    /// <param name="authorizer">The configured schemes.</param>
    /// <param name="alternatives">The security alternatives applied to every request.</param>
    public AuthenticationHandler(RequestAuthorizer authorizer, IReadOnlyList<SecurityRequirement> alternatives)
    {
        _authorizer = authorizer ?? throw new ArgumentNullException(nameof(authorizer));
        _alternatives = alternatives ?? throw new ArgumentNullException(nameof(alternatives));
    }

    /// <summary>Creates a handler with an inner handler.</summary>
    /// <param name="authorizer">The configured schemes.</param>
    /// <param name="alternatives">The security alternatives applied to every request.</param>
    /// <param name="innerHandler">The handler that sends the requests.</param>
    public AuthenticationHandler(RequestAuthorizer authorizer, IReadOnlyList<SecurityRequirement> alternatives, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _authorizer = authorizer ?? throw new ArgumentNullException(nameof(authorizer));
        _alternatives = alternatives ?? throw new ArgumentNullException(nameof(alternatives));
    }

    /// <summary>Creates a handler that applies one scheme to every request.</summary>
    /// <param name="authenticator">The scheme.</param>
    public AuthenticationHandler(IRequestAuthenticator authenticator)
        : this(
            new RequestAuthorizer(new[] { authenticator ?? throw new ArgumentNullException(nameof(authenticator)) }),
            new[] { new SecurityRequirement(authenticator.SchemeName) })
    {
    }

#if NET
    /// <summary>Not supported: authentication may need to wait for a token.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AuthenticationHandler supports only asynchronous sends (SendAsync).");
#endif

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (AuthRequestOptions.IsAuthenticated(request))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // Taken before authentication, so the retry starts from the request as the caller built it.
        var snapshot = await RequestSnapshot.CaptureAsync(request).ConfigureAwait(false);
        var applied = await _authorizer.ApplyAsync(request, _alternatives, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || applied.Authenticators.Count == 0)
        {
            return response;
        }

        if (!await applied.OnUnauthorizedAsync(request, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        var retry = snapshot.CreateRequest();
        await _authorizer.ApplyAsync(retry, _alternatives, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A request's method, URI, version, headers, options and body bytes, to build an identical request.</summary>
    private sealed class RequestSnapshot
    {
        private readonly HttpMethod _method;
        private readonly Uri? _uri;
        private readonly Version _version;
#if NET
        private readonly HttpVersionPolicy _versionPolicy;
#endif
        private readonly List<KeyValuePair<string, IEnumerable<string>>> _headers = new();
        private readonly List<KeyValuePair<string, IEnumerable<string>>> _contentHeaders = new();
        private readonly List<KeyValuePair<string, object?>> _options;
        private byte[]? _body;

        private RequestSnapshot(HttpRequestMessage request)
        {
            _method = request.Method;
            _uri = request.RequestUri;
            _version = request.Version;
#if NET
            _versionPolicy = request.VersionPolicy;
#endif
            foreach (var header in request.Headers)
            {
                _headers.Add(new KeyValuePair<string, IEnumerable<string>>(header.Key, new List<string>(header.Value)));
            }

            _options = RequestProperties.Snapshot(request);
        }

        public static async Task<RequestSnapshot> CaptureAsync(HttpRequestMessage request)
        {
            var snapshot = new RequestSnapshot(request);
            if (request.Content is { } content)
            {
                // Makes the original content re-readable for signers and the first send, and keeps the exact bytes.
                await content.LoadIntoBufferAsync().ConfigureAwait(false);
                snapshot._body = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
                foreach (var header in content.Headers)
                {
                    if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        snapshot._contentHeaders.Add(new KeyValuePair<string, IEnumerable<string>>(header.Key, new List<string>(header.Value)));
                    }
                }
            }

            return snapshot;
        }

        public HttpRequestMessage CreateRequest()
        {
            var request = new HttpRequestMessage(_method, _uri) { Version = _version };
#if NET
            request.VersionPolicy = _versionPolicy;
#endif
            foreach (var header in _headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (_body is not null)
            {
                var content = new ByteArrayContent(_body);
                foreach (var header in _contentHeaders)
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                request.Content = content;
            }

            RequestProperties.Restore(request, _options);
            return request;
        }
    }
}
