using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Shouldly;

namespace SpecClients.Testing;

/// <summary>One request as it arrived on the wire.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request target's path exactly as sent (still percent-encoded).</param>
/// <param name="Query">The raw query including '?', or empty.</param>
/// <param name="Headers">The headers, names case-insensitive, repeated values joined with ','.</param>
/// <param name="Body">The body bytes.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The request target as sent: path and query.</summary>
    public string PathAndQuery => Path + Query;

    /// <summary>The Authorization header, or null.</summary>
    public string? Authorization => Header("Authorization");

    /// <summary>The Content-Type header, or null.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>A header's value, or null when the request did not carry it.</summary>
    /// <param name="name">The header's name, any case.</param>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>When the server stops answering, for cancellation tests.</summary>
public enum ResponseHold
{
    /// <summary>Answer at once.</summary>
    None,

    /// <summary>Record the request, then send nothing until the client goes away.</summary>
    BeforeHeaders,

    /// <summary>Send the headers and half the body, then stall until the client goes away.</summary>
    AfterPartialBody,
}

/// <summary>
/// A <see cref="LoopbackServer"/> that records every request (method, raw path, raw query, headers, body bytes) and
/// answers with one configured response, a response per path, or a status chosen per request. One per test: start it,
/// point a client at <see cref="Uri"/>.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<HttpClient> _clients = new();
    private readonly TaskCompletionSource<RecordedRequest> _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _partialBodySent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, CannedResponse> _byPath = new(StringComparer.Ordinal);
    private volatile CannedResponse _response = new(200, "application/json", "{}"u8.ToArray(), ResponseHold.None);
    private volatile Func<RecordedRequest, int>? _statusFor;
    private volatile Func<RecordedRequest, Uri?>? _locationFor;
    private LoopbackServer? _server;

    private RecordingServer()
    {
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Uri => _server!.Uri;

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>The only request received; fails when there were none or several.</summary>
    public RecordedRequest SingleRequest => Requests.ShouldHaveSingleItem();

    /// <summary>Completes when the first request has been recorded.</summary>
    public Task<RecordedRequest> FirstRequest => _firstRequest.Task;

    /// <summary>Completes when a <see cref="ResponseHold.AfterPartialBody"/> response has flushed its first half.</summary>
    public Task PartialBodySent => _partialBodySent.Task;

    /// <summary>
    /// Starts a server listening on 127.0.0.1 only, over TLS with <paramref name="certificate"/> when one is given; it
    /// answers 200 <c>{}</c> until told otherwise.
    /// </summary>
    /// <param name="certificate">The server's certificate, for an <c>https://</c> server.</param>
    public static async Task<RecordingServer> StartAsync(X509Certificate2? certificate = null)
    {
        var server = new RecordingServer();
        server._server = await LoopbackServer.StartAsync(server.HandleAsync, certificate: certificate);
        return server;
    }

    /// <summary>Starts a server that answers each request with the status <paramref name="statusFor"/> picks for it.</summary>
    /// <param name="statusFor">The status for a recorded request; the body says <c>status NNN</c>.</param>
    /// <param name="locationFor">A <c>Location</c> header to answer with, for redirects; none when it gives null.</param>
    public static async Task<RecordingServer> StartAsync(Func<RecordedRequest, int> statusFor, Func<RecordedRequest, Uri?>? locationFor = null)
    {
        var server = await StartAsync();
        server._statusFor = statusFor;
        server._locationFor = locationFor;
        return server;
    }

    /// <summary>Sets the answer to every following request.</summary>
    /// <param name="status">The status code.</param>
    /// <param name="contentType">The Content-Type, or null for none.</param>
    /// <param name="body">The body, sent as UTF-8.</param>
    /// <param name="hold">Where the answer stalls, if it does.</param>
    public void Respond(int status, string? contentType, string body, ResponseHold hold = ResponseHold.None)
    {
        _statusFor = null;
        _response = new CannedResponse(status, contentType, Encoding.UTF8.GetBytes(body), hold);
    }

    /// <summary>Answers requests to exactly <paramref name="path"/> with <paramref name="json"/>, whatever the default answer.</summary>
    /// <param name="path">The raw path.</param>
    /// <param name="status">The status code.</param>
    /// <param name="json">The JSON body.</param>
    public void RespondJsonAt(string path, int status, string json) =>
        _byPath[path] = new CannedResponse(status, "application/json", Encoding.UTF8.GetBytes(json), ResponseHold.None);

    /// <summary>Answers requests to exactly <paramref name="path"/> with an empty <paramref name="status"/> response whose <c>Location</c> is <paramref name="location"/>.</summary>
    /// <param name="path">The raw path.</param>
    /// <param name="status">The status code, e.g. 302.</param>
    /// <param name="location">Where the response redirects.</param>
    public void RedirectAt(string path, int status, Uri location) =>
        _byPath[path] = new CannedResponse(status, null, Array.Empty<byte>(), ResponseHold.None, location);

    /// <summary>Answers with <paramref name="json"/> as <c>application/json</c>.</summary>
    /// <param name="status">The status code.</param>
    /// <param name="json">The JSON body.</param>
    public void RespondJson(int status, string json) => Respond(status, "application/json", json);

    /// <summary>An HTTP client that talks to this server directly (no proxy, no redirects); disposed with the server.</summary>
    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryAt = rawTarget.IndexOf('?', StringComparison.Ordinal);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(
            context.Request.Method,
            queryAt < 0 ? rawTarget : rawTarget.Substring(0, queryAt),
            queryAt < 0 ? string.Empty : rawTarget.Substring(queryAt),
            headers,
            body.ToArray());
        _requests.Enqueue(recorded);
        _firstRequest.TrySetResult(recorded);

        var response = ResponseTo(recorded);
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (response.Hold == ResponseHold.BeforeHeaders)
        {
            await WaitUntilCancelledAsync(gone.Token);
            return;
        }

        context.Response.StatusCode = response.Status;
        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Location is { } location)
        {
            context.Response.Headers.Location = location.IsAbsoluteUri ? location.AbsoluteUri : location.OriginalString;
        }

        context.Response.ContentLength = response.Body.Length;
        if (response.Hold == ResponseHold.AfterPartialBody)
        {
            await context.Response.Body.WriteAsync(response.Body.AsMemory(0, response.Body.Length / 2), gone.Token);
            await context.Response.Body.FlushAsync(gone.Token);
            _partialBodySent.TrySetResult();
            await WaitUntilCancelledAsync(gone.Token);
            return;
        }

        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private CannedResponse ResponseTo(RecordedRequest request)
    {
        if (_byPath.TryGetValue(request.Path, out var byPath))
        {
            return byPath;
        }

        if (_statusFor is { } statusFor)
        {
            var status = statusFor(request);
            return new CannedResponse(status, "text/plain", Encoding.UTF8.GetBytes("status " + status), ResponseHold.None, _locationFor?.Invoke(request));
        }

        return _response;
    }

    private static async Task WaitUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client left or the server is stopping: nothing more to send.
        }
    }

    private sealed record CannedResponse(int Status, string? ContentType, byte[] Body, ResponseHold Hold, Uri? Location = null);
}
