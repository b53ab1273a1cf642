using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Client.Tests.Support;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that opens no connection: it records each request's absolute URI, method,
/// headers and body, and answers with a canned response. Used where the URL under test is a real provider's host.
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<HandledRequest> _requests = new();
    private readonly int _status;
    private readonly string _json;

    /// <summary>Creates the handler.</summary>
    /// <param name="json">The body of every answer (application/json).</param>
    /// <param name="status">The status of every answer.</param>
    public RecordingHandler(string json, int status = 200)
    {
        _json = json;
        _status = status;
    }

    /// <summary>The requests handled so far.</summary>
    public IReadOnlyList<HandledRequest> Requests => _requests.ToArray();

    /// <summary>An <see cref="HttpClient"/> over this handler.</summary>
    public HttpClient CreateHttpClient() => new(this, disposeHandler: false);

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new HandledRequest(request.Method.Method, request.RequestUri!, headers, body));
        return new HttpResponseMessage((HttpStatusCode)_status)
        {
            Content = new StringContent(_json, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
    }
}

/// <summary>A request seen by <see cref="RecordingHandler"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The absolute request URI.</param>
/// <param name="Headers">The request and content headers.</param>
/// <param name="Body">The body bytes.</param>
public sealed record HandledRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body);
