using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Samples.ProviderTour.FaspaySendme;
using SpecClients.Samples.ProviderTour.Fincart;
using SpecClients.Samples.ProviderTour.Fincode;
using SpecClients.Samples.ProviderTour.Kitegateway;
using SpecClients.Samples.ProviderTour.Torus;

namespace SpecClients.Samples.ProviderTour;

/// <summary>
/// For each provider: obtain a token through the generated auth client, call the authenticated operation twice (the
/// second call reuses the cached token), and report what happened.
/// </summary>
public sealed class ProviderTour
{
    private readonly IServiceProvider _services;
    private readonly TokenMeter _meter;

    /// <summary>Creates the tour.</summary>
    /// <param name="services">Services with the five clients registered.</param>
    /// <param name="meter">Counts token requests and cache hits.</param>
    public ProviderTour(IServiceProvider services, TokenMeter meter)
    {
        _services = services;
        _meter = meter;
    }

    /// <summary>Runs one provider's tour, catching its failure into the result.</summary>
    /// <param name="provider">The provider's name.</param>
    /// <param name="tour">Obtains the token and calls the provider; returns the token and a description of the result.</param>
    /// <returns>The row.</returns>
    public async Task<TourResult> RunAsync(string provider, Func<IServiceProvider, CancellationToken, Task<(AccessToken? Token, string Result)>> tour)
    {
        var requestsBefore = _meter.Requests;
        var hitsBefore = _meter.CacheHits;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var (token, result) = await tour(_services, timeout.Token).ConfigureAwait(false);
            return new TourResult(provider, TourResult.Mask(token?.Value), token?.ExpiresAt, _meter.Requests - requestsBefore, _meter.CacheHits - hitsBefore, result, true);
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or InvalidOperationException or OperationCanceledException)
        {
            // Exception messages from SpecClients never carry secrets, so they can be shown as they are.
            return new TourResult(provider, "-", null, _meter.Requests - requestsBefore, _meter.CacheHits - hitsBefore, ex.GetType().Name + ": " + ex.Message, false);
        }
    }

    /// <summary>Fincart: the portal token is static; it is sent raw in Authorization.</summary>
    public static async Task<(AccessToken? Token, string Result)> FincartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<FincartClient>();
        var logs = await client.GetOrderLogsAsync("ORD-1001", cancellationToken).ConfigureAwait(false);
        await client.GetOrderLogsAsync("ORD-1001", cancellationToken).ConfigureAwait(false);
        var token = new AccessToken(client.Options.FincartToken ?? string.Empty, null, null, DateTimeOffset.UtcNow);
        return (token, $"order logs: {logs.Data?.Logs?.Count ?? 0} entries (static portal token)");
    }

    /// <summary>Kitegateway: token from POST /v1/auth/token with Secret-Key, sent as <c>JWT …</c>.</summary>
    public static async Task<(AccessToken? Token, string Result)> KitegatewayAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var auth = services.GetRequiredService<KitegatewayClientAuth>();
        var token = await auth.KitegatewayToken.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var client = services.GetRequiredService<KitegatewayClient>();
        var callback = await client.SendTransactionCallbackAsync("KGW-REF-1001", cancellationToken).ConfigureAwait(false);
        await client.SendTransactionCallbackAsync("KGW-REF-1001", cancellationToken).ConfigureAwait(false);
        return (token, $"send-callback: {callback.Status} ({callback.Message})");
    }

    /// <summary>
    /// FinCode: its published spec describes only POST /oauth/token (OAuth2 password grant, HTTP Basic). The token is
    /// put on our own HttpClient with <see cref="AuthenticationHandler"/> for an operation the spec does not describe.
    /// </summary>
    public static async Task<(AccessToken? Token, string Result)> FincodeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var auth = services.GetRequiredService<FincodeClientAuth>();
        var token = await auth.AccessToken.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FincodeClientOptions>>().Value;
        using var handler = new AuthenticationHandler(auth.GetAuthenticator("accessToken")) { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(options.BaseAddress?.AbsoluteUri ?? "https://api.stag.songhaiexchange.io/") };
        var body = new { accountNumber = "0123456789", accountNumberCountry = "NG", bankCode = "058", expectedCurrencyCode = "NGN", transactionType = "ACCOUNT_NUMBER_VALIDATION" };
        string status = string.Empty;
        for (var call = 0; call < 2; call++)
        {
            using var response = await http.PostAsJsonAsync("gateway/v2/account-number-validation", body, cancellationToken).ConfigureAwait(false);
            status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.EnsureSuccessStatusCode();
        }

        return (token, $"account-number-validation: HTTP {status} (Bearer via AuthenticationHandler)");
    }

    /// <summary>The operation the Faspay token is obtained for: its token request is signed over this service's path.</summary>
    public static readonly TokenTarget FaspayBalanceTarget = new("getBalance", "/account/api/balance_inquiry/{virtual_account}");

    /// <summary>
    /// Faspay SendMe: signed token request, made for the balance inquiry (Faspay's SDKs sign it over that service's
    /// path); the token goes into the signature of later calls, and is cached per service path.
    /// </summary>
    public static async Task<(AccessToken? Token, string Result)> FaspayAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var auth = services.GetRequiredService<FaspaySendmeClientAuth>();
        var token = await auth.FaspayAccessToken.ForTarget(FaspayBalanceTarget).GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var client = services.GetRequiredService<FaspaySendmeClient>();
        var balance = await client.GetBalanceAsync("9920000028", cancellationToken).ConfigureAwait(false);
        await client.GetBalanceAsync("9920000028", cancellationToken).ConfigureAwait(false);
        if (balance.Status != "2")
        {
            throw new InvalidOperationException($"Faspay answered status {balance.Status}: {balance.Message}");
        }

        return (token, $"balance inquiry: {balance.Balance} available {balance.AvailableBalance}");
    }

    /// <summary>Torus: session from POST /api/v1/session/generate with the request token, sent as Bearer.</summary>
    public static async Task<(AccessToken? Token, string Result)> TorusAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var auth = services.GetRequiredService<TorusClientAuth>();
        var token = await auth.TorusAccessToken.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var client = services.GetRequiredService<TorusClient>();
        var funds = await client.GetFundsAsync(new FundsRequest { Source = "N" }, cancellationToken).ConfigureAwait(false);
        await client.GetFundsAsync(new FundsRequest { Source = "N" }, cancellationToken).ConfigureAwait(false);
        return (token, $"funds: {funds.Data?.Count ?? 0} limit(s), status {funds.Status}");
    }
}
