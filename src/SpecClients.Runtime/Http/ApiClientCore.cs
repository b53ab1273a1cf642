using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Auth.Internal;
using SpecClients.Runtime.Json;

namespace SpecClients.Runtime.Http;

/// <summary>
/// The behaviour behind every generated client: builds the request, applies the operation's security, sends it,
/// retries once after a 401 when a token was refreshed, retries what <see cref="ApiRetryPolicy"/> allows after a 429
/// or 503 (waiting on its <see cref="System.TimeProvider"/>), and buffers the response within a size limit and within <see cref="HttpClient.Timeout"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiClientCore
{
    private readonly HttpClient _httpClient;
    private readonly Func<IReadOnlyList<string>?, Uri> _resolveBaseAddress;
    private readonly RequestAuthorizer _authorizer;
    private readonly TimeProvider _timeProvider;

    // Whether the HttpClient's handler follows redirects by itself; turned off where possible (see Redirects).
    private readonly AutomaticRedirects _handlerRedirects;

    /// <summary>Creates the core of a generated client.</summary>
    /// <param name="httpClient">The HTTP client (typically from IHttpClientFactory).</param>
    /// <param name="apiName">The API name used in messages.</param>
    /// <param name="resolveBaseAddress">Chooses the server for a request, given operation-level servers.</param>
    /// <param name="authorizer">Applies security requirements.</param>
    /// <param name="maxResponseBytes">The largest response body accepted.</param>
    /// <param name="allowInsecureHttp">Allows sending credentials over plain http to a host that is not loopback.</param>
    /// <param name="retryPolicy">When a request is repeated after a 429 or 503; <see cref="ApiRetryPolicy.Default"/> if null.</param>
    /// <param name="obtainsCredentials">See <see cref="ObtainsCredentials"/>.</param>
    /// <param name="timeProvider">The clock the retry waits on; <see cref="TimeProvider.System"/> if null.</param>
    public ApiClientCore(
        HttpClient httpClient,
        string apiName,
        Func<IReadOnlyList<string>?, Uri> resolveBaseAddress,
        RequestAuthorizer authorizer,
        long maxResponseBytes = 16 * 1024 * 1024,
        bool allowInsecureHttp = false,
        ApiRetryPolicy? retryPolicy = null,
        bool obtainsCredentials = false,
        TimeProvider? timeProvider = null)
    {
        ObtainsCredentials = obtainsCredentials;
        AllowInsecureHttp = allowInsecureHttp;
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        ApiName = apiName;
        _resolveBaseAddress = resolveBaseAddress;
        _authorizer = authorizer;
        MaxResponseBytes = maxResponseBytes;
        RetryPolicy = retryPolicy ?? ApiRetryPolicy.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _handlerRedirects = Redirects.Disable(httpClient);
    }

    /// <summary>The API name used in messages.</summary>
    public string ApiName { get; }

    /// <summary>The base address set on the HttpClient (for example through IHttpClientFactory), if any.</summary>
    public Uri? HttpClientBaseAddress => _httpClient.BaseAddress;

    /// <summary>The largest response body accepted.</summary>
    public long MaxResponseBytes { get; }

    /// <summary>Whether credentials may be sent over plain http to a host that is not loopback.</summary>
    public bool AllowInsecureHttp { get; }

    /// <summary>When a request is repeated after a 429 or 503.</summary>
    public ApiRetryPolicy RetryPolicy { get; }

    /// <summary>
    /// Whether this is the client a generated <c>{Client}Auth</c> creates to obtain tokens: its requests carry credentials
    /// in their bodies even when the operation declares no security, so they never follow a redirect made by the
    /// handler, and they may be retried after a 429 or 503 whatever their method (a token request changes nothing).
    /// The same operation called on a user's client is not retried unless it is idempotent.
    /// </summary>
    public bool ObtainsCredentials { get; }

    /// <summary>Sends <paramref name="request"/> and reads a successful response's JSON body with <paramref name="read"/>.</summary>
    /// <typeparam name="T">The declared response type.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="read">The generated reader of the response type.</param>
    /// <param name="errors">What an unsuccessful status becomes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value read.</returns>
    /// <exception cref="ApiException">The status is not a success (typed by <paramref name="errors"/>).</exception>
    /// <exception cref="ApiResponseFormatException">The body is not JSON of the declared shape, or too large.</exception>
    public async Task<T> CallJsonAsync<T>(ApiRequest request, JsonReadFunc<T> read, ApiErrorResponses errors, CancellationToken cancellationToken)
    {
        CheckErrors(errors);
        return errors.EnsureSuccess(await SendAsync(request, cancellationToken).ConfigureAwait(false)).ReadJson(read);
    }

    /// <summary>Sends <paramref name="request"/> and returns a successful response's body as UTF-8 text.</summary>
    /// <param name="request">The request.</param>
    /// <param name="errors">What an unsuccessful status becomes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ApiException">The status is not a success (typed by <paramref name="errors"/>).</exception>
    public async Task<string> CallTextAsync(ApiRequest request, ApiErrorResponses errors, CancellationToken cancellationToken)
    {
        CheckErrors(errors);
        return errors.EnsureSuccess(await SendAsync(request, cancellationToken).ConfigureAwait(false)).ReadText();
    }

    /// <summary>Sends <paramref name="request"/> and returns a successful response's body as bytes.</summary>
    /// <param name="request">The request.</param>
    /// <param name="errors">What an unsuccessful status becomes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The body.</returns>
    /// <exception cref="ApiException">The status is not a success (typed by <paramref name="errors"/>).</exception>
    public async Task<byte[]> CallBytesAsync(ApiRequest request, ApiErrorResponses errors, CancellationToken cancellationToken)
    {
        CheckErrors(errors);
        return errors.EnsureSuccess(await SendAsync(request, cancellationToken).ConfigureAwait(false)).Body;
    }

    /// <summary>Sends <paramref name="request"/> for an operation whose successful response has no body to read.</summary>
    /// <param name="request">The request.</param>
    /// <param name="errors">What an unsuccessful status becomes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when a successful response has arrived.</returns>
    /// <exception cref="ApiException">The status is not a success (typed by <paramref name="errors"/>).</exception>
    public async Task CallAsync(ApiRequest request, ApiErrorResponses errors, CancellationToken cancellationToken)
    {
        CheckErrors(errors);
        errors.EnsureSuccess(await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    // The Call methods hold the await that each generated operation had: an async method per operation cost the
    // consumer's compiler a state machine each (about a sixteenth of the compile time of Stripe's client). Each awaits
    // SendAsync itself, so a call allocates no more state machines than before.
    private static void CheckErrors(ApiErrorResponses errors)
    {
        if (errors is null)
        {
            throw new ArgumentNullException(nameof(errors));
        }
    }

    /// <summary>Sends <paramref name="request"/> and buffers the response.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, whatever its status.</returns>
    /// <exception cref="ApiResponseFormatException">The body exceeds <see cref="MaxResponseBytes"/>, or the connection closed before it was complete.</exception>
    /// <exception cref="TaskCanceledException">The call exceeded <see cref="HttpClient.Timeout"/> (headers and body together), or was cancelled.</exception>
    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var baseAddress = _resolveBaseAddress(request.Servers);
        if (request.Security.Count > 0 && !AllowInsecureHttp)
        {
            TransportSecurity.RequireHttpsForCredentials(baseAddress, ApiName);
        }

        var isCredentialRequest = ObtainsCredentials;
        var refreshedAfter401 = false;
        var retries = 0;
        var redirects = 0;
        Uri? redirectedTo = null;
        var redirectedAsGet = false;
        while (true)
        {
            using var message = request.ToHttpRequestMessage(baseAddress);
            if (redirectedTo is not null)
            {
                Redirects.Redirect(message, redirectedTo, redirectedAsGet);
            }

            AuthRequestOptions.SetOperationId(message, request.OperationId);
            AuthRequestOptions.SetApiPath(message, request.Path);
            AuthRequestOptions.SetPathTemplate(message, request.PathTemplate);
            var applied = await _authorizer.ApplyAsync(message, request.Security, cancellationToken).ConfigureAwait(false);

            // An AuthenticationHandler on the same HttpClient must not authenticate this request a second time.
            AuthRequestOptions.MarkAuthenticated(message);

            // A token request carries credentials in its body even when the operation declares no security.
            var carriesCredentials = applied.Authenticators.Count > 0 || isCredentialRequest;
            if (carriesCredentials && _handlerRedirects == AutomaticRedirects.On)
            {
                throw new InvalidOperationException(Redirects.HandlerFollowsRedirectsMessage(ApiName));
            }

            var sentTo = message.RequestUri!;
            var started = Stopwatch.StartNew();
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            Redirects.ThrowIfHandlerLeftOrigin(response, sentTo, carriesCredentials, ApiName, request.OperationId);
            var status = (int)response.StatusCode;
            if (Redirects.Target(response, sentTo) is { } target && redirects < Redirects.MaxRedirects)
            {
                // Same origin only, with or without credentials: the body of a token operation called directly, or a
                // secret the spec declares as an ordinary parameter, is not known here to be one.
                if (!Redirects.SameOrigin(sentTo, target))
                {
                    throw new RedirectRefusedException(ApiName, request.OperationId, status, sentTo, target);
                }

                redirects++;
                redirectedAsGet |= Redirects.BecomesGet(response.StatusCode, message.Method);
                redirectedTo = target;
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshedAfter401
                && await applied.OnUnauthorizedAsync(message, cancellationToken).ConfigureAwait(false))
            {
                refreshedAfter401 = true;
                continue;
            }

            if (status is 429 or 503
                && RetryPolicy.ShouldRetry(request.Method, isCredentialRequest, status, ApiResponse.ReadRetryAfter(response), retries, out var delay))
            {
                retries++;
                response.Dispose();
                await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // HttpClient.Timeout covers only the headers of a ResponseHeadersRead call: give the body what is left of it,
            // so that a server dripping bytes cannot hold the call open for longer.
            using var bodyTimeout = BodyTimeout(started.Elapsed, cancellationToken);
            ApiResponse result;
            try
            {
                result = await ApiResponse.ReadAsync(response, ApiName, request.OperationId, MaxResponseBytes, bodyTimeout?.Token ?? cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && bodyTimeout is { IsCancellationRequested: true })
            {
                throw new TaskCanceledException(
                    $"{ApiName} operation '{request.OperationId}': the request was canceled due to the configured HttpClient.Timeout of {_httpClient.Timeout.TotalSeconds} seconds elapsing while the response body was read.",
                    new TimeoutException(ex.Message, ex));
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
            {
                // Cancelled by the caller through the linked source: report the caller's own token, as HttpClient does.
#if NET5_0_OR_GREATER
                throw new TaskCanceledException(ex.Message, ex, cancellationToken);
#else
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
#endif
            }

            // A server that refuses a credential with a success status (Faspay: 200 and "status": "9") gets the 401
            // treatment: drop the token and retry once; refused again with a fresh token, it is an error, not a result.
            if (result.IsSuccess && applied.FindRejection(result.Body) is { } rejection)
            {
                if (!refreshedAfter401 && await applied.OnUnauthorizedAsync(message, cancellationToken).ConfigureAwait(false))
                {
                    refreshedAfter401 = true;
                    continue;
                }

                throw new ApiException(ApiName, request.OperationId, result.StatusCode, null, $"{ApiName} operation '{request.OperationId}': the server refused the credentials ({rejection}) even with a fresh token.");
            }

            return result;
        }
    }

    /// <summary>Waits on <see cref="_timeProvider"/>, so that a fake clock in tests decides when a retry goes out.</summary>
    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
#if NET
        Task.Delay(delay, _timeProvider, cancellationToken);
#else
        _timeProvider.Delay(delay, cancellationToken);
#endif

    private CancellationTokenSource? BodyTimeout(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var timeout = _httpClient.Timeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var remaining = timeout - elapsed;
        source.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        return source;
    }
}
