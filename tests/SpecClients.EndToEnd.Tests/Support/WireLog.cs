using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.EndToEnd.Tests.Support;

/// <summary>One request as it left a client: no header values, no bodies, only what the assertions need.</summary>
/// <param name="Provider">The sandbox provider the request went to.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, with the sandbox's provider prefix.</param>
/// <param name="StatusCode">The response status.</param>
/// <param name="GrantType">For an OAuth2 token request, its <c>grant_type</c> form field.</param>
public sealed record WireEntry(string Provider, string Method, string Path, int StatusCode, string? GrantType);

/// <summary>One request and its answer with their bodies, kept when <see cref="WireLog.KeepExchanges"/> is set.</summary>
/// <param name="Provider">The sandbox provider the request went to.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, with the sandbox's provider prefix.</param>
/// <param name="RequestContentType">The request body's media type, or null without a body.</param>
/// <param name="RequestBody">The request body as sent, or null without one.</param>
/// <param name="StatusCode">The response status.</param>
/// <param name="ResponseContentType">The response body's media type, or null.</param>
/// <param name="ResponseBody">The response body as received (empty when there is none).</param>
public sealed record WireExchange(
    string Provider, string Method, string Path, string? RequestContentType, string? RequestBody, int StatusCode, string? ResponseContentType, string ResponseBody);

/// <summary>
/// Records every request the clients of one container send (token requests included: they use the same named
/// HttpClients), and can run a hook before each one, e.g. to revoke the sandbox's tokens so that it rejects every call.
/// </summary>
public sealed class WireLog
{
    private readonly ConcurrentQueue<WireEntry> _entries = new();
    private readonly ConcurrentQueue<string> _tokenResponseBodies = new();
    private readonly ConcurrentQueue<WireExchange> _exchanges = new();

    /// <summary>Runs before each request is sent; null for none.</summary>
    public Action<string, HttpRequestMessage>? BeforeSend { get; set; }

    /// <summary>
    /// Keep the bodies of successful token responses (<see cref="TokenResponseBodies"/>), to learn every token the
    /// sandbox issued. They are the test's own record of the secrets, never part of what is scanned.
    /// </summary>
    public bool KeepTokenResponses { get; set; }

    /// <summary>The bodies of successful token responses, when <see cref="KeepTokenResponses"/> is set.</summary>
    public IReadOnlyList<string> TokenResponseBodies => _tokenResponseBodies.ToArray();

    /// <summary>
    /// Keep every request and response with its body (<see cref="Exchanges"/>), for the schema oracle. The bodies hold
    /// credentials: only for tests that check shapes, never for what is scanned for secrets.
    /// </summary>
    public bool KeepExchanges { get; set; }

    /// <summary>The exchanges so far, when <see cref="KeepExchanges"/> is set.</summary>
    public IReadOnlyList<WireExchange> Exchanges => _exchanges.ToArray();

    /// <summary>The requests so far.</summary>
    public IReadOnlyList<WireEntry> Entries => _entries.ToArray();

    /// <summary>The requests to <paramref name="provider"/> whose path ends with <paramref name="pathEnd"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="pathEnd">The end of the path, e.g. <c>/oauth/token</c>.</param>
    /// <returns>The requests, in order.</returns>
    public IReadOnlyList<WireEntry> To(string provider, string pathEnd) =>
        Entries.Where(e => e.Provider == provider && e.Path.TrimEnd('/').EndsWith(pathEnd.TrimEnd('/'), StringComparison.Ordinal)).ToArray();

    /// <summary>A handler for the named HttpClient of <paramref name="provider"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The handler.</returns>
    public DelegatingHandler CreateHandler(string provider) => new Recorder(this, provider);

    /// <summary>Whether <paramref name="uri"/> is one of the four token endpoints.</summary>
    /// <param name="uri">The request URI.</param>
    /// <returns><see langword="true"/> for a token request.</returns>
    public static bool IsTokenEndpoint(Uri? uri)
    {
        var path = uri?.AbsolutePath ?? string.Empty;
        return path.EndsWith("/v1/auth/token", StringComparison.Ordinal)
            || path.EndsWith("/oauth/token", StringComparison.Ordinal)
            || path.EndsWith("/account/api/tokens", StringComparison.Ordinal)
            || path.EndsWith("/session/generate", StringComparison.Ordinal);
    }

    private sealed class Recorder(WireLog log, string provider) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            log.BeforeSend?.Invoke(provider, request);
            string? grantType = null;
            string? requestBody = null;
            if (log.KeepExchanges && request.Content is { } sent)
            {
                await sent.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                requestBody = await sent.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }

            if (request.Content is { } content && content.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded")
            {
                await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                var text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                grantType = text.Split('&')
                    .Select(pair => pair.Split('=', 2))
                    .Where(pair => pair[0] == "grant_type" && pair.Length == 2)
                    .Select(pair => Uri.UnescapeDataString(pair[1]))
                    .FirstOrDefault();
            }

            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (log.KeepTokenResponses && response.IsSuccessStatusCode && IsTokenEndpoint(request.RequestUri))
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                log._tokenResponseBodies.Enqueue(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            }

            if (log.KeepExchanges)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                var responseBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                log._exchanges.Enqueue(new WireExchange(
                    provider, request.Method.Method, request.RequestUri?.AbsolutePath ?? "/", request.Content?.Headers.ContentType?.MediaType,
                    requestBody, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, responseBody));
            }

            log._entries.Enqueue(new WireEntry(provider, request.Method.Method, request.RequestUri?.AbsolutePath ?? "/", (int)response.StatusCode, grantType));
            return response;
        }
    }
}
