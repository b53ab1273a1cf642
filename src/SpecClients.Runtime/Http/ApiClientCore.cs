using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth;

namespace SpecClients.Runtime.Http;

/// <summary>
/// The behaviour behind every generated client: builds the request, applies the operation's security, sends it,
/// retries once after a 401 when a token was refreshed, and buffers the response within a size limit.
/// </summary>
public sealed class ApiClientCore
{
    private readonly HttpClient _httpClient;
    private readonly Func<IReadOnlyList<string>?, Uri> _resolveBaseAddress;
    private readonly RequestAuthorizer _authorizer;

    /// <summary>Creates the core of a generated client.</summary>
    /// <param name="httpClient">The HTTP client (typically from IHttpClientFactory).</param>
    /// <param name="apiName">The API name used in messages.</param>
    /// <param name="resolveBaseAddress">Chooses the server for a request, given operation-level servers.</param>
    /// <param name="authorizer">Applies security requirements.</param>
    /// <param name="maxResponseBytes">The largest response body accepted.</param>
    /// <param name="allowInsecureHttp">Allows sending credentials over plain http to a host that is not loopback.</param>
    public ApiClientCore(HttpClient httpClient, string apiName, Func<IReadOnlyList<string>?, Uri> resolveBaseAddress, RequestAuthorizer authorizer, long maxResponseBytes = 16 * 1024 * 1024, bool allowInsecureHttp = false)
    {
        AllowInsecureHttp = allowInsecureHttp;
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        ApiName = apiName;
        _resolveBaseAddress = resolveBaseAddress;
        _authorizer = authorizer;
        MaxResponseBytes = maxResponseBytes;
    }

    /// <summary>The API name used in messages.</summary>
    public string ApiName { get; }

    /// <summary>The base address set on the HttpClient (for example through IHttpClientFactory), if any.</summary>
    public Uri? HttpClientBaseAddress => _httpClient.BaseAddress;

    /// <summary>The largest response body accepted.</summary>
    public long MaxResponseBytes { get; }

    /// <summary>Whether credentials may be sent over plain http to a host that is not loopback.</summary>
    public bool AllowInsecureHttp { get; }

    /// <summary>Sends <paramref name="request"/> and buffers the response.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, whatever its status.</returns>
    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var baseAddress = _resolveBaseAddress(request.Servers);
        if (request.Security.Count > 0 && !AllowInsecureHttp)
        {
            TransportSecurity.RequireHttpsForCredentials(baseAddress, ApiName);
        }

        for (var attempt = 0; ; attempt++)
        {
            using var message = request.ToHttpRequestMessage(baseAddress);
            AuthRequestOptions.SetOperationId(message, request.OperationId);
            AuthRequestOptions.SetApiPath(message, request.Path);
            var applied = await _authorizer.ApplyAsync(message, request.Security, cancellationToken).ConfigureAwait(false);
            // An AuthenticationHandler on the same HttpClient must not authenticate this request a second time.
            AuthRequestOptions.MarkAuthenticated(message);
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0
                && await applied.OnUnauthorizedAsync(message, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            return await ApiResponse.ReadAsync(response, ApiName, request.OperationId, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
