using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using SpecClients.Benchmarks.Generated.Kitegateway;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;

namespace SpecClients.Benchmarks.Runtime;

/// <summary>
/// What authentication adds to one request against an in-memory handler (target: under 1 µs and at most one small
/// allocation over setting the header by hand). The handler answers every request with one shared response, so the
/// differences between the methods are the authentication's own cost.
/// </summary>
[Config(typeof(Infrastructure.ShortInProcessConfig))]
public class AuthOverheadBenchmarks
{
    private static readonly Uri Target = new("https://api.example.test/v1/balance");
    private const string TokenValue = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJiZW5jaCJ9.signature";

    private HttpMessageInvoker _plain = null!;
    private HttpMessageInvoker _withHandler = null!;
    private RequestAuthorizer _authorizer = null!;
    private SecurityRequirement[] _security = null!;
    private string _headerValue = null!;
    private KitegatewayClient _client = null!;
    private TokenAuthenticator _authenticator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var provider = new TokenProvider(
            TokenCacheKey.Create("BenchmarkClient", "bearer", "id"),
            new DelegateTokenSource(static (context, _) => new ValueTask<AccessToken>(context.CreateToken(TokenValue, DateTimeOffset.UtcNow.AddHours(1)))),
            new InMemoryTokenCache(),
            new TokenProviderOptions(),
            TimeProvider.System,
            NullLogger.Instance);
        provider.GetTokenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var authenticator = _authenticator = new TokenAuthenticator("bearer", provider);
        _authorizer = new RequestAuthorizer(new IRequestAuthenticator[] { authenticator });
        _security = new[] { new SecurityRequirement("bearer") };
        _headerValue = "Bearer " + TokenValue;

        var shared = new SharedResponseHandler();
        _plain = new HttpMessageInvoker(shared, disposeHandler: false);
        _withHandler = new HttpMessageInvoker(new AuthenticationHandler(authenticator) { InnerHandler = shared }, disposeHandler: false);

        // The generated Kitegateway client, with the same token provider behind its token scheme.
        var kitegatewayAuthenticator = new TokenAuthenticator("kitegatewayToken", provider, "Authorization", TokenFormat.PrefixUnlessPresent("JWT "));
        _client = new KitegatewayClient(
            new HttpClient(new FreshResponseHandler(), disposeHandler: true),
            new KitegatewayClientOptions { BaseAddress = new Uri("https://api.example.test/") },
            new IRequestAuthenticator[] { kitegatewayAuthenticator });

        if (Send(ManualHeader()).StatusCode != HttpStatusCode.OK || Send(AuthenticationHandler()).StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("The in-memory handler did not answer.");
        }
    }

    /// <summary>No authentication at all: the cost of the request and the send.</summary>
    [Benchmark]
    public Task<HttpResponseMessage> NoAuthentication() => _plain.SendAsync(new HttpRequestMessage(HttpMethod.Get, Target), CancellationToken.None);

    /// <summary>The header set by hand from a token string held by the caller.</summary>
    [Benchmark(Baseline = true)]
    public Task<HttpResponseMessage> ManualHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Target);
        request.Headers.TryAddWithoutValidation("Authorization", _headerValue);
        return _plain.SendAsync(request, CancellationToken.None);
    }

    /// <summary><see cref="SpecClients.Runtime.Auth.AuthenticationHandler"/> with a <see cref="TokenAuthenticator"/>.</summary>
    [Benchmark]
    public Task<HttpResponseMessage> AuthenticationHandler() => _withHandler.SendAsync(new HttpRequestMessage(HttpMethod.Get, Target), CancellationToken.None);

    /// <summary>What a generated client does per request: <see cref="RequestAuthorizer.ApplyAsync"/> (as ApiClientCore calls it), then the send.</summary>
    [Benchmark]
    public async Task<HttpResponseMessage> RequestAuthorizerAsInGeneratedClients()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Target);
        await _authorizer.ApplyAsync(request, _security, CancellationToken.None).ConfigureAwait(false);
        return await _plain.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// What <c>ApiClientCore</c> does to every request whatever its security (operation id, API path, the mark that
    /// keeps an <c>AuthenticationHandler</c> off it), with the header set by hand: the baseline for the next benchmark.
    /// </summary>
    [Benchmark]
    public Task<HttpResponseMessage> ApiClientCoreRequest_ManualHeader()
    {
        var request = NewApiClientCoreRequest();
        request.Headers.TryAddWithoutValidation("Authorization", _headerValue);
        AuthRequestOptions.MarkAuthenticated(request);
        return _plain.SendAsync(request, CancellationToken.None);
    }

    /// <summary>The same request authenticated as <c>ApiClientCore</c> does it: <see cref="RequestAuthorizer.ApplyAsync"/>, then the mark.</summary>
    [Benchmark]
    public Task<HttpResponseMessage> ApiClientCoreRequest_RequestAuthorizer()
    {
        var request = NewApiClientCoreRequest();
        var applying = _authorizer.ApplyAsync(request, _security, CancellationToken.None);
        if (!applying.IsCompletedSuccessfully)
        {
            applying.AsTask().GetAwaiter().GetResult();
        }

        AuthRequestOptions.MarkAuthenticated(request);
        return _plain.SendAsync(request, CancellationToken.None);
    }

    /// <summary>Without the send: a new request with the header set by hand.</summary>
    [Benchmark]
    [BenchmarkCategory("no send")]
    public HttpRequestMessage NoSend_ManualHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Target);
        request.Headers.TryAddWithoutValidation("Authorization", _headerValue);
        return request;
    }

    /// <summary>Without the send: a new request authenticated by <see cref="TokenAuthenticator.ApplyAsync"/> alone.</summary>
    [Benchmark]
    [BenchmarkCategory("no send")]
    public HttpRequestMessage NoSend_TokenAuthenticator()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Target);
        var pending = _authenticator.ApplyAsync(request, CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }

        return request;
    }

    /// <summary>Without the send: a new request authenticated by <see cref="RequestAuthorizer.ApplyAsync"/> (as generated clients do).</summary>
    [Benchmark]
    [BenchmarkCategory("no send")]
    public HttpRequestMessage NoSend_RequestAuthorizer()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Target);
        _authorizer.ApplyAsync(request, _security, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return request;
    }

    /// <summary>A whole generated-client call (request building, auth, send, response buffering, JSON read), for scale.</summary>
    [Benchmark]
    public Task<CallbackResponse> GeneratedClientWholeCall() => _client.SendTransactionCallbackAsync("KG-1234567890");

    private static HttpResponseMessage Send(Task<HttpResponseMessage> pending) => pending.GetAwaiter().GetResult();

    private static HttpRequestMessage NewApiClientCoreRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Target);
        AuthRequestOptions.SetOperationId(request, "getBalance");
        AuthRequestOptions.SetApiPath(request, "/v1/balance");
        return request;
    }

    /// <summary>Answers every request with the same completed response (nothing is allocated per request).</summary>
    private sealed class SharedResponseHandler : HttpMessageHandler
    {
        private readonly Task<HttpResponseMessage> _response = Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => _response;
    }

    /// <summary>Answers with a new response each time (the generated client disposes what it reads).</summary>
    private sealed class FreshResponseHandler : HttpMessageHandler
    {
        private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"code\":200,\"status\":\"success\",\"message\":\"Callback sent\"}");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Body);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
