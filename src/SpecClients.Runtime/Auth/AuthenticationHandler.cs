using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Http;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// Authenticates the requests of an ordinary <see cref="HttpClient"/> with a fixed list of security alternatives.
/// Requests already marked authenticated (see <see cref="AuthRequestOptions"/>) pass untouched. On a 401, if an applied
/// authenticator says its state changed, the request is sent once more with the same body bytes; never more.
/// </summary>
/// <remarks>
/// Redirects: on its first request the handler turns off automatic redirects on the primary handler at the end of its
/// chain (<see cref="HttpClientHandler"/>, <c>SocketsHttpHandler</c>), and follows redirects itself: to the same origin
/// with the credentials applied again, to another origin only for a request it did not authenticate. A redirect of an
/// authenticated request to another origin, or from https to http, throws <see cref="RedirectRefusedException"/>.
/// A primary handler that follows redirects and can no longer be changed makes it refuse to authenticate.
/// The request body is buffered in memory before the first send, so that it can be re-sent intact.
/// Only asynchronous sends are supported.
/// </remarks>
public sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly RequestAuthorizer _authorizer;
    private readonly IReadOnlyList<SecurityRequirement> _alternatives;

    // -1 until the inner chain was inspected on the first request; then an AutomaticRedirects value.
    private volatile int _innerRedirects = -1;

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
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (AuthRequestOptions.IsAuthenticated(request))
        {
            return base.SendAsync(request, cancellationToken);
        }

        if (_innerRedirects < 0)
        {
            _innerRedirects = (int)Redirects.Disable(InnerHandler);
        }

        if (_innerRedirects == (int)AutomaticRedirects.On)
        {
            throw new InvalidOperationException(Redirects.HandlerFollowsRedirectsMessage(nameof(AuthenticationHandler)));
        }

        if (!RequestSnapshot.IsBare(request))
        {
            return SendWithCopyAsync(request, cancellationToken);
        }

        // A request of only a method and URI (a plain GET) is rebuilt from those after a 401, so it costs nothing to keep.
        // While everything completes synchronously, nothing here allocates: the inner handler's task is returned as is.
        var snapshot = new RequestSnapshot(request);
        var applying = _authorizer.ApplyAsync(request, _alternatives, cancellationToken);
        if (!applying.IsCompletedSuccessfully)
        {
            return SendAsync(request, snapshot, applying, null, cancellationToken);
        }

        var sending = base.SendAsync(request, cancellationToken);
        return applying.Result.Authenticators.Count == 0 || (sending.Status == TaskStatus.RanToCompletion && sending.Result.StatusCode != HttpStatusCode.Unauthorized && !IsRedirect(sending.Result))
            ? sending
            : SendAsync(request, snapshot, applying, sending, cancellationToken);
    }

    // The snapshot is taken before authentication, so the retry starts from the request as the caller built it.
    private async Task<HttpResponseMessage> SendWithCopyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var snapshot = await RequestSnapshot.CaptureAsync(request).ConfigureAwait(false);
        return await SendAsync(request, snapshot, _authorizer.ApplyAsync(request, _alternatives, cancellationToken), null, cancellationToken).ConfigureAwait(false);
    }

    // Goes on from wherever the caller got to: authentication under way, or done and the request sent (`sending`).
    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        RequestSnapshot snapshot,
        ValueTask<AppliedAuthentication> applying,
        Task<HttpResponseMessage>? sending,
        CancellationToken cancellationToken)
    {
        var applied = await applying.ConfigureAwait(false);
        var carriesCredentials = applied.Authenticators.Count > 0;
        var sentTo = request.RequestUri!;
        var response = await (sending ?? base.SendAsync(request, cancellationToken)).ConfigureAwait(false);
        ThrowIfInnerHandlerLeftOrigin(response, request, sentTo, carriesCredentials);
        if (response.StatusCode == HttpStatusCode.Unauthorized && carriesCredentials
            && await applied.OnUnauthorizedAsync(request, cancellationToken).ConfigureAwait(false))
        {
            response.Dispose();
            var retry = snapshot.CreateRequest();
            await _authorizer.ApplyAsync(retry, _alternatives, cancellationToken).ConfigureAwait(false);
            request = retry;
            response = await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
            ThrowIfInnerHandlerLeftOrigin(response, request, sentTo, carriesCredentials);
        }

        // Redirects are followed here, from the request as the caller built it: credentials are applied afresh, and
        // only when the new target has the origin they were applied for.
        var becomesGet = false;
        for (var redirects = 0; redirects < Redirects.MaxRedirects && Redirects.Target(response, sentTo) is { } target; redirects++)
        {
            if (!Redirects.MayFollow(sentTo, target, carriesCredentials))
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new RedirectRefusedException(nameof(AuthenticationHandler), OperationName(request), status, sentTo, target);
            }

            becomesGet |= Redirects.BecomesGet(response.StatusCode, request.Method);
            response.Dispose();
            request = snapshot.CreateRequest();
            Redirects.Redirect(request, target, becomesGet);
            if (carriesCredentials)
            {
                await _authorizer.ApplyAsync(request, _alternatives, cancellationToken).ConfigureAwait(false);
            }

            sentTo = target;
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            ThrowIfInnerHandlerLeftOrigin(response, request, sentTo, carriesCredentials);
        }

        return response;
    }

    private static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400;

    private static string OperationName(HttpRequestMessage request) => AuthRequestOptions.GetOperationId(request) ?? "request";

    private static void ThrowIfInnerHandlerLeftOrigin(HttpResponseMessage response, HttpRequestMessage request, Uri sentTo, bool carriesCredentials)
    {
        try
        {
            Redirects.ThrowIfHandlerLeftOrigin(response, sentTo, carriesCredentials, nameof(AuthenticationHandler), OperationName(request));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A request's method, URI, version, headers, options and body bytes, to build an identical request. A value: for a
    /// bare request (<see cref="IsBare"/>) it holds references only, and nothing is allocated.
    /// </summary>
    private readonly struct RequestSnapshot
    {
        private readonly HttpMethod _method;
        private readonly Uri? _uri;
        private readonly Version _version;
#if NET
        private readonly HttpVersionPolicy _versionPolicy;
#endif
        private readonly Copied? _copied;

        public RequestSnapshot(HttpRequestMessage request)
            : this(request, null)
        {
        }

        private RequestSnapshot(HttpRequestMessage request, Copied? copied)
        {
            _method = request.Method;
            _uri = request.RequestUri;
            _version = request.Version;
#if NET
            _versionPolicy = request.VersionPolicy;
#endif
            _copied = copied;
        }

        /// <summary>Whether the request has no content, no headers and no options: then method and URI rebuild it.</summary>
        public static bool IsBare(HttpRequestMessage request) =>
            request.Content is null && RequestProperties.Count(request) == 0
#if NET
            && request.Headers.NonValidated.Count == 0;
#else
            && !request.Headers.GetEnumerator().MoveNext();
#endif

        public static async Task<RequestSnapshot> CaptureAsync(HttpRequestMessage request)
        {
            var copied = new Copied();
            foreach (var header in request.Headers)
            {
                copied.Headers.Add(new KeyValuePair<string, IEnumerable<string>>(header.Key, new List<string>(header.Value)));
            }

            copied.Options = RequestProperties.Snapshot(request);
            var snapshot = new RequestSnapshot(request, copied);
            if (request.Content is { } content)
            {
                // Makes the original content re-readable for signers and the first send, and keeps the exact bytes.
                await content.LoadIntoBufferAsync().ConfigureAwait(false);
                copied.Body = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
                foreach (var header in content.Headers)
                {
                    if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        copied.ContentHeaders.Add(new KeyValuePair<string, IEnumerable<string>>(header.Key, new List<string>(header.Value)));
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
            if (_copied is not { } copied)
            {
                return request;
            }

            foreach (var header in copied.Headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (copied.Body is not null)
            {
                var content = new ByteArrayContent(copied.Body);
                foreach (var header in copied.ContentHeaders)
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                request.Content = content;
            }

            RequestProperties.Restore(request, copied.Options);
            return request;
        }

        /// <summary>What a request that is not bare needs copied.</summary>
        private sealed class Copied
        {
            public List<KeyValuePair<string, IEnumerable<string>>> Headers { get; } = new();

            public List<KeyValuePair<string, IEnumerable<string>>> ContentHeaders { get; } = new();

            public List<KeyValuePair<string, object?>> Options { get; set; } = null!;

            public byte[]? Body { get; set; }
        }
    }
}
