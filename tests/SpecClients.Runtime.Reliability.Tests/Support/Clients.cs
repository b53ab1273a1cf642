using System;
using System.Net.Http;
using FaultProviders.Kitegateway;
using FaultProviders.Torus;
using SpecClients.Runtime.Auth;

namespace SpecClients.Runtime.Reliability.Tests.Support;

/// <summary>Generated clients pointed at a fault server, each with its own token cache and a capturing logger.</summary>
internal sealed class Clients : IDisposable
{
    private readonly HttpClient _http;

    public Clients(FaultServer server, TimeSpan? httpTimeout = null, Action<TokenProviderOptions>? tokens = null, long maxResponseBytes = 1024 * 1024, string kitegatewaySecretKey = Secrets.KitegatewaySecretKey)
    {
        Logs = new CapturingLoggerFactory();
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = httpTimeout ?? TimeSpan.FromSeconds(30),
        };
        var services = new AuthServices(new InMemoryTokenCache(), TimeProvider.System, Logs);

        KitegatewayOptions = new KitegatewayClientOptions
        {
            BaseAddress = server.Uri,
            SecretKey = kitegatewaySecretKey,
            KitegatewayTokenRequest = new TokenRequest { ApiKey = Secrets.KitegatewayApiKey },
            MaxResponseBytes = maxResponseBytes,
        };
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
        tokens?.Invoke(TorusOptions.Tokens);
        TorusAuth = new TorusClientAuth(TorusOptions, () => _http, services);
        Torus = new TorusClient(_http, TorusOptions, TorusAuth);
    }

    public CapturingLoggerFactory Logs { get; }

    public KitegatewayClientOptions KitegatewayOptions { get; }

    public KitegatewayClientAuth KitegatewayAuth { get; }

    public KitegatewayClient Kitegateway { get; }

    public TorusClientOptions TorusOptions { get; }

    public TorusClientAuth TorusAuth { get; }

    public TorusClient Torus { get; }

    public void Dispose() => _http.Dispose();
}
