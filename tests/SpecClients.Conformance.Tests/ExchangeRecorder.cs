using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Conformance.Tests;

/// <summary>One request the generated client sent and the raw answer it got, as it was on the wire.</summary>
/// <param name="Method">The request method.</param>
/// <param name="Path">The request's path, unescaped, without the query.</param>
/// <param name="Uri">The whole request URI, for messages.</param>
/// <param name="Status">The response status.</param>
/// <param name="ContentType">The response media type, or null.</param>
/// <param name="Body">The response body as text.</param>
/// <param name="Violations">Prism's <c>sl-violations</c> header: what it found wrong with the request (or its own response).</param>
internal sealed record Exchange(string Method, string Path, Uri Uri, int Status, string? ContentType, string Body, string? Violations);

/// <summary>
/// Sits between the generated client and the network and keeps each exchange, the response body buffered so that the
/// client still reads it: the oracle validates the very bytes the client read.
/// </summary>
internal sealed class ExchangeRecorder : DelegatingHandler
{
    private readonly List<Exchange> _exchanges = [];

    /// <summary>A recorder in front of a socket handler.</summary>
    public ExchangeRecorder()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>The exchanges since the last <see cref="Take"/>.</summary>
    /// <returns>The exchanges, oldest first; the list is emptied.</returns>
    public IReadOnlyList<Exchange> Take()
    {
        lock (_exchanges)
        {
            var taken = _exchanges.ToList();
            _exchanges.Clear();
            return taken;
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var violations = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : null;
        var uri = request.RequestUri!;
        lock (_exchanges)
        {
            _exchanges.Add(new Exchange(
                request.Method.Method, Uri.UnescapeDataString(uri.AbsolutePath), uri, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, violations));
        }

        return response;
    }
}
