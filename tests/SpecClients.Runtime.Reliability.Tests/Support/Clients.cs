using System;
using System.Net.Http;
using FaultProviders.Kitegateway;
using FaultProviders.Torus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SpecClients.Runtime.Auth;
using SpecClients.Testing;

namespace SpecClients.Runtime.Reliability.Tests.Support;

/// <summary>Generated clients pointed at a fault server, each with its own token cache and a log collector.</summary>
internal sealed class Clients : IDisposable
{
    private readonly HttpClient _http;
    private readonly ILoggerFactory _loggerFactory;

    public Clients(FaultServer server, TimeSpan? httpTimeout = null, Action<TokenProviderOptions>? tokens = null, long maxResponseBytes = 1024 * 1024, string kitegatewaySecretKey = Secrets.KitegatewaySecretKey, TimeSpan? failureBackoff = null)
    {
        _loggerFactory = FakeLogRecordText.CreateFactory(Logs);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = httpTimeout ?? TimeSpan.FromSeconds(30),
        };
        var services = new AuthServices(new InMemoryTokenCache(), TimeProvider.System, _loggerFactory);

        // Each fault test heals the server and calls again at once, so the back-off after a failed token request is off
        // unless a test asks for it (TokenEndpointFaultTests.DeadTokenEndpoint…); a test may still change it through tokens.
        var backoff = failureBackoff ?? TimeSpan.Zero;

        KitegatewayOptions = new KitegatewayClientOptions
        {
            BaseAddress = server.Uri,
            SecretKey = kitegatewaySecretKey,
            KitegatewayTokenRequest = new TokenRequest { ApiKey = Secrets.KitegatewayApiKey },
            MaxResponseBytes = maxResponseBytes,
        };
        KitegatewayOptions.Tokens.FailureBackoff = backoff;
        tokens?.Invoke(KitegatewayOptions.Tokens);
        KitegatewayAuth = new KitegatewayClientAuth(KitegatewayOptions, () => _http, services);
        Kitegateway = new KitegatewayClient(_http, KitegatewayOptions, KitegatewayAuth);

        TorusOptions = new TorusClientOptions
        {
            BaseAddress = server.Uri,
            RequestToken = Secrets.TorusRequestToken,
            TorusAccessTokenRequest = new SessionRequest { ApiKey = Secrets.TorusApiKey, ApiSecret = Secrets.TorusApiSecret },
            MaxResponseBytes = maxResponseBytes,
        };
        TorusOptions.Tokens.FailureBackoff = backoff;
        tokens?.Invoke(TorusOptions.Tokens);
        TorusAuth = new TorusClientAuth(TorusOptions, () => _http, services);
        Torus = new TorusClient(_http, TorusOptions, TorusAuth);
    }

    /// <summary>Every log record of these clients, at every level.</summary>
    public FakeLogCollector Logs { get; } = new();

    public KitegatewayClientOptions KitegatewayOptions { get; }

    public KitegatewayClientAuth KitegatewayAuth { get; }

    public KitegatewayClient Kitegateway { get; }

    public TorusClientOptions TorusOptions { get; }

    public TorusClientAuth TorusAuth { get; }

    public TorusClient Torus { get; }

    public void Dispose()
    {
        _http.Dispose();
        _loggerFactory.Dispose();
    }
}
