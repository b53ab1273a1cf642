using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SpecClients.EndToEnd.Tests.Generated.FaspaySendme;
using SpecClients.EndToEnd.Tests.Generated.Fincart;
using SpecClients.EndToEnd.Tests.Generated.Fincode;
using SpecClients.EndToEnd.Tests.Generated.Kitegateway;
using SpecClients.EndToEnd.Tests.Generated.Torus;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Samples.ProviderTour;
using SpecClients.Samples.Sandbox;

namespace SpecClients.EndToEnd.Tests.Support;

/// <summary>
/// Registers the five generated clients the way a user does, against a sandbox, and makes one authenticated call per
/// provider. FinCode's spec describes only its token endpoint: its authenticated call goes through an ordinary named
/// HttpClient with the generated authenticator in an <see cref="AuthenticationHandler"/>, as the provider tour does.
/// </summary>
public static class Clients
{
    /// <summary>The named HttpClient for FinCode's account-number validation.</summary>
    public const string FincodeOperationsClient = "fincode-operations";

    /// <summary>The Kitegateway token lifetime the clients ask for (<c>expires_in</c>).</summary>
    public static readonly TimeSpan KitegatewayRequestedLifetime = TimeSpan.FromSeconds(600);

    /// <summary>The longest one authenticated call may take, its token request included.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The providers that obtain tokens (Fincart's is a static portal token).</summary>
    public static readonly string[] TokenProviders =
        [SandboxProviders.Kitegateway, SandboxProviders.FinCode, SandboxProviders.Faspay, SandboxProviders.Torus];

    /// <summary>
    /// Registers the five clients with <paramref name="credentials"/> (normally the sandbox's own options), every
    /// HttpClient recorded by <paramref name="wire"/>. Register a TimeProvider and ITokenCache before calling this.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="sandbox">Where the clients send requests.</param>
    /// <param name="credentials">The credentials the clients use.</param>
    /// <param name="wire">Records the requests.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddSandboxClients(this IServiceCollection services, ProviderSandbox sandbox, SandboxOptions credentials, WireLog wire)
    {
        var c = credentials;
        services.AddSingleton(wire);
        services.AddFincartClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.Fincart);
            o.FincartToken = c.FincartToken;
        }).AddHttpMessageHandler(() => wire.CreateHandler(SandboxProviders.Fincart));
        services.AddKitegatewayClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.Kitegateway);
            o.SecretKey = c.KitegatewaySecretKey;
            o.KitegatewayTokenRequest = new TokenRequest { ApiKey = c.KitegatewayApiKey, ExpiresIn = (int)KitegatewayRequestedLifetime.TotalSeconds };
        }).AddHttpMessageHandler(() => wire.CreateHandler(SandboxProviders.Kitegateway));
        services.AddFincodeClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.FinCode);
            o.BasicAuthUsername = c.FinCodeClientId;
            o.BasicAuthPassword = c.FinCodeClientSecret;
            o.AccessTokenRequest = new PostOauthTokenRequest { Username = c.FinCodeUsername, Password = c.FinCodePassword, GrantType = PostOauthTokenRequestGrantType.Password };
        }).AddHttpMessageHandler(() => wire.CreateHandler(SandboxProviders.FinCode));
        services.AddHttpClient(FincodeOperationsClient, http => http.BaseAddress = sandbox.For(SandboxProviders.FinCode))
            .AddHttpMessageHandler(sp => new AuthenticationHandler(sp.GetRequiredService<FincodeClientAuth>().GetAuthenticator("accessToken")))
            .AddHttpMessageHandler(() => wire.CreateHandler(SandboxProviders.FinCode));
        services.AddFaspaySendmeClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.Faspay);
            // getAccessToken is also called directly here (SecretsScanTests): sign it for the balance service.
            o.RequestSigner = new FaspayRequestSigner(c.Faspay) { DirectTokenRequestService = "/account/api/balance_inquiry" };
        }).AddHttpMessageHandler(() => wire.CreateHandler(SandboxProviders.Faspay));
        services.AddTorusClient(o =>
        {
            o.BaseAddress = sandbox.For(SandboxProviders.Torus);
            o.RequestToken = c.TorusRequestToken;
            o.TorusAccessTokenRequest = new SessionRequest { ApiKey = c.TorusApiKey, ApiSecret = c.TorusApiSecret };
        }).AddHttpMessageHandler(() => wire.CreateHandler(SandboxProviders.Torus));
        return services;
    }

    /// <summary>The operation Faspay's tokens are obtained for in these tests: the balance inquiry.</summary>
    public static readonly TokenTarget FaspayBalanceTarget = new("getBalance", "/account/api/balance_inquiry/{virtual_account}");

    /// <summary>The token provider of a provider's token scheme.</summary>
    /// <param name="services">The container.</param>
    /// <param name="provider">A token provider's name (not Fincart).</param>
    /// <returns>The token provider.</returns>
    public static TokenProvider TokenProviderOf(IServiceProvider services, string provider) => provider switch
    {
        SandboxProviders.Kitegateway => services.GetRequiredService<KitegatewayClientAuth>().KitegatewayToken,
        SandboxProviders.FinCode => services.GetRequiredService<FincodeClientAuth>().AccessToken,
        // Faspay's tokens are obtained for, and cached per, the operation they serve (see TokenProvider.ForTarget).
        SandboxProviders.Faspay => services.GetRequiredService<FaspaySendmeClientAuth>().FaspayAccessToken.ForTarget(FaspayBalanceTarget),
        SandboxProviders.Torus => services.GetRequiredService<TorusClientAuth>().TorusAccessToken,
        _ => throw new ArgumentException("No token scheme: " + provider, nameof(provider)),
    };

    /// <summary>How long the sandbox lets a provider's token live (what the client learns from the response or spec).</summary>
    /// <param name="sandbox">The sandbox's options.</param>
    /// <param name="provider">A token provider's name.</param>
    /// <returns>The lifetime.</returns>
    public static TimeSpan LifetimeOf(SandboxOptions sandbox, string provider) => provider switch
    {
        SandboxProviders.Kitegateway => KitegatewayRequestedLifetime,
        SandboxProviders.FinCode => sandbox.FinCodeTokenLifetime,
        SandboxProviders.Faspay => sandbox.FaspayTokenLifetime,
        SandboxProviders.Torus => sandbox.TorusTokenLifetime,
        _ => throw new ArgumentException("No token lifetime: " + provider, nameof(provider)),
    };

    /// <summary>
    /// One call of the provider's authenticated operation. Throws <see cref="ApiException"/> (generated clients) or
    /// <see cref="HttpRequestException"/> (FinCode's plain HttpClient) when it is refused, and
    /// <see cref="InvalidOperationException"/> when Faspay refuses it inside an HTTP 200 (<c>status</c> 9).
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="provider">The provider.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A short description of the answer.</returns>
    public static async Task<string> CallAsync(IServiceProvider services, string provider, CancellationToken cancellationToken = default)
    {
        // No call may hang a test run: a client that loops or never answers fails the test instead.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        return await CallOnceAsync(services, provider, timeout.Token);
    }

    private static async Task<string> CallOnceAsync(IServiceProvider services, string provider, CancellationToken cancellationToken)
    {
        switch (provider)
        {
            case SandboxProviders.Fincart:
                var logs = await services.GetRequiredService<FincartClient>().GetOrderLogsAsync("ORD-1001", cancellationToken);
                return "fincart logs: " + (logs.Data?.Logs?.Count ?? 0);
            case SandboxProviders.Kitegateway:
                var callback = await services.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-REF-1001", cancellationToken);
                return "kitegateway: " + callback.Status;
            case SandboxProviders.FinCode:
                var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(FincodeOperationsClient);
                var body = new { accountNumber = "0123456789", accountNumberCountry = "NG", bankCode = "058", expectedCurrencyCode = "NGN", transactionType = "ACCOUNT_NUMBER_VALIDATION" };
                using (var response = await http.PostAsJsonAsync("gateway/v2/account-number-validation", body, cancellationToken))
                {
                    response.EnsureSuccessStatusCode();
                    return "fincode: " + (int)response.StatusCode;
                }

            case SandboxProviders.Faspay:
                var balance = await services.GetRequiredService<FaspaySendmeClient>().GetBalanceAsync("9920000028", cancellationToken);
                return balance.Status == "2"
                    ? "faspay: " + balance.Balance
                    : throw new InvalidOperationException("Faspay refused the call: status " + balance.Status + ", " + balance.Message);
            case SandboxProviders.Torus:
                var funds = await services.GetRequiredService<TorusClient>().GetFundsAsync(new FundsRequest { Source = "N" }, cancellationToken);
                return "torus: " + funds.Status;
            default:
                throw new ArgumentException("Unknown provider " + provider, nameof(provider));
        }
    }

    /// <summary>The HTTP status a refused call ended with, or null when <paramref name="error"/> carries none.</summary>
    /// <param name="error">What <see cref="CallAsync"/> threw.</param>
    /// <returns>The status.</returns>
    public static int? StatusOf(Exception error) => error switch
    {
        ApiException api => api.StatusCode,
        HttpRequestException http => (int?)http.StatusCode,
        _ => null,
    };
}
