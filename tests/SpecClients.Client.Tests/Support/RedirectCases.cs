using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Providers.FaspaySendme;
using Providers.Fincode;
using Providers.Kitegateway;
using Providers.SecuritySchemes;
using Providers.Torus;
using SpecClients.Runtime.Auth;

namespace SpecClients.Client.Tests.Support;

/// <summary>
/// One security scheme kind and credential placement for the redirect matrix: which request the first origin redirects,
/// what it answers elsewhere, and the secrets that must stay on it.
/// </summary>
/// <param name="Name">The scheme and placement.</param>
/// <param name="RedirectedPath">The path the first origin answers with a redirect.</param>
/// <param name="Answers">The JSON answers by path (the redirected path's answer is served at the landing path).</param>
/// <param name="Secrets">The credentials; the first travels in a header or the query, so it reaches a same-origin landing whatever the status.</param>
/// <param name="CallWithHttpClient">Calls through a client built on <c>new HttpClient()</c>, as a user does without dependency injection.</param>
/// <param name="CallWithDependencyInjection">Calls through a client from <c>services.AddXClient()</c>, if the case runs that way too.</param>
public sealed record RedirectCase(
    string Name,
    string RedirectedPath,
    IReadOnlyDictionary<string, string> Answers,
    string[] Secrets,
    Func<Uri, Task> CallWithHttpClient,
    Func<Uri, Task>? CallWithDependencyInjection = null);

/// <summary>The cases of the redirect matrix: every scheme kind of TestSpecs/security-schemes.yaml and the four token providers.</summary>
public static class RedirectCases
{
    private const string HeaderKey = "hk-secret-1";
    private const string QueryKey = "qk-secret-1";
    private const string CookieKey = "ck-secret-1";
    private const string BearerToken = "static-bearer-secret";
    private const string ClientCredentialsToken = "cc-access-token-secret";
    private const string PasswordToken = "pw-access-token-secret";
    private const string KiteSecretKey = "kg-secret-key-5f9c";
    private const string KiteApiKey = "kg-api-key-body-2b71";
    private const string KiteToken = "JWT kite-access-token-secret";
    private const string TorusRequestToken = "torus-request-token-86c9";
    private const string TorusApiKey = "torus-api-key-body";
    private const string TorusApiSecret = "torus-api-secret-body";
    private const string TorusSessionToken = "torus-session-token-secret";
    private const string FincodeClientId = "fincode-client";
    private const string FincodeClientSecret = "fincode-s3cret";
    private const string FincodeUser = "merchant-user";
    private const string FincodePassword = "merchant-password-secret";
    private const string FincodeToken = "fincode-access-token-secret";
    private const string FaspayToken = "faspay-access-token-secret";

    private static readonly string BasicCredentials = Basic("basic-user", "basic-password-secret");
    private static readonly string ClientCredentials = Basic("cc-client", "cc-client-secret");
    private static readonly string PasswordClient = Basic("pw-client", "pw-client-secret");
    private static readonly string FincodeBasic = Basic(FincodeClientId, FincodeClientSecret);

    private static readonly string ClientCredentialsTokenJson = $$"""{"access_token":"{{ClientCredentialsToken}}","token_type":"Bearer","expires_in":3600}""";
    private static readonly string PasswordTokenJson = $$"""{"access_token":"{{PasswordToken}}","expires_in":600,"refresh_token":"pw-refresh-secret"}""";
    private static readonly string KiteTokenJson = "{\"code\":200,\"status\":\"success\",\"data\":{\"token\":\"" + KiteToken + "\",\"expires\":4102444800}}";
    private const string KiteCallbackJson = """{"code":200,"status":"success","message":"Callback sent","data":{"queued":true}}""";
    private static readonly string TorusSessionJson = $$"""{"AccessToken":"{{TorusSessionToken}}"}""";
    private const string TorusFundsJson = """{"data":[],"message":"Success","status":"success"}""";
    private static readonly string FincodeTokenJson = $$"""{"access_token":"{{FincodeToken}}","token_type":"bearer","expires_in":3599}""";
    private static readonly string FaspayTokenJson = $$"""{"access_token":"{{FaspayToken}}","expired_in":"36000","status":"2","message":"Success","response_code":"00","response_desc":"success"}""";
    private const string FaspayBalanceJson = """{"virtual_account":"9920000028","balance":"1.00","available_balance":"1.00","status":"2","message":"Success","response_code":"00","response_desc":"success"}""";

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyDictionary<string, RedirectCase> All { get; } = Create().ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>The cases that also run through <c>services.AddXClient()</c>.</summary>
    public static IReadOnlyDictionary<string, RedirectCase> WithDependencyInjection { get; } =
        All.Values.Where(c => c.CallWithDependencyInjection is not null).ToDictionary(c => c.Name, StringComparer.Ordinal);

    private static IEnumerable<RedirectCase> Create()
    {
        yield return new(
            "apiKey header",
            "/v1/inherited",
            Json(("/v1/inherited", "{}")),
            [HeaderKey],
            a => Schemes(a, o => o.HeaderKey = HeaderKey, c => c.GetInheritedAsync()),
            a => SchemesWithDependencyInjection(a, o => o.HeaderKey = HeaderKey, c => c.GetInheritedAsync()));
        yield return new(
            "apiKey query and cookie",
            "/v1/both",
            Json(("/v1/both", "{}")),
            [QueryKey, CookieKey],
            a => Schemes(a, o => { o.QueryKey = QueryKey; o.CookieKey = CookieKey; }, c => c.GetBothAsync()));
        yield return new(
            "HTTP Basic",
            "/v1/either",
            Json(("/v1/either", "{}")),
            [BasicCredentials],
            a => Schemes(a, o => { o.BasicUsername = "basic-user"; o.BasicPassword = "basic-password-secret"; }, c => c.GetEitherAsync()));
        yield return new(
            "HTTP bearer",
            "/v1/bearer",
            Json(("/v1/bearer", "{}")),
            [BearerToken],
            a => Schemes(a, o => o.StaticBearerToken = BearerToken, c => c.GetBearerAsync()));
        yield return new(
            "OAuth2 client credentials: token request",
            "/oauth2/token",
            Json(("/oauth2/token", ClientCredentialsTokenJson), ("/v1/machine", "{}")),
            [ClientCredentials, "cc-client-secret"],
            a => Schemes(a, ClientCredentialsOptions, c => c.GetAsMachineAsync()),
            a => SchemesWithDependencyInjection(a, ClientCredentialsOptions, c => c.GetAsMachineAsync()));
        yield return new(
            "OAuth2 client credentials: bearer call",
            "/v1/machine",
            Json(("/oauth2/token", ClientCredentialsTokenJson), ("/v1/machine", "{}")),
            [ClientCredentialsToken],
            a => Schemes(a, ClientCredentialsOptions, c => c.GetAsMachineAsync()));
        yield return new(
            "OAuth2 password: token request",
            "/oauth2/password-token",
            Json(("/oauth2/password-token", PasswordTokenJson), ("/v1/user", "{}")),
            [PasswordClient, "owner-password-secret", "pw-client-secret"],
            a => Schemes(a, PasswordOptions, c => c.GetAsUserAsync()));
        yield return new(
            "OAuth2 password: bearer call",
            "/v1/user",
            Json(("/oauth2/password-token", PasswordTokenJson), ("/v1/user", "{}")),
            [PasswordToken],
            a => Schemes(a, PasswordOptions, c => c.GetAsUserAsync()));
        yield return new(
            "x-token Kitegateway: token operation (Secret-Key header, api_key body)",
            "/v1/auth/token",
            Json(("/v1/auth/token", KiteTokenJson), ("/v1/transactions/send-callback/KGW-1", KiteCallbackJson)),
            [KiteSecretKey, KiteApiKey],
            a => Kitegateway(a, withDependencyInjection: false),
            a => Kitegateway(a, withDependencyInjection: true));
        yield return new(
            "x-token Kitegateway: token in the Authorization header",
            "/v1/transactions/send-callback/KGW-1",
            Json(("/v1/auth/token", KiteTokenJson), ("/v1/transactions/send-callback/KGW-1", KiteCallbackJson)),
            [KiteToken],
            a => Kitegateway(a, withDependencyInjection: false),
            a => Kitegateway(a, withDependencyInjection: true));
        yield return new(
            "x-token Torus: session operation (Token header, API_KEY and API_SECRET body)",
            "/api/v1/session/generate",
            Json(("/api/v1/session/generate", TorusSessionJson), ("/api/v1/funds/", TorusFundsJson)),
            [TorusRequestToken, TorusApiKey, TorusApiSecret],
            Torus);
        yield return new(
            "x-token Torus: session token on a POST with a body",
            "/api/v1/funds/",
            Json(("/api/v1/session/generate", TorusSessionJson), ("/api/v1/funds/", TorusFundsJson)),
            [TorusSessionToken],
            Torus);
        yield return new(
            "x-token FinCode: password token request (Basic, username and password body)",
            "/oauth/token",
            Json(("/oauth/token", FincodeTokenJson), ("/gateway/v2/validate", "{}")),
            [FincodeBasic, FincodePassword, FincodeClientSecret],
            Fincode);
        yield return new(
            "x-token FinCode: token through AuthenticationHandler on a user's HttpClient",
            "/gateway/v2/validate",
            Json(("/oauth/token", FincodeTokenJson), ("/gateway/v2/validate", "{}")),
            [FincodeToken],
            Fincode);
        yield return new(
            "x-signature Faspay: signed token request",
            "/account/api/tokens",
            Json(("/account/api/tokens", FaspayTokenJson), ("/account/api/balance_inquiry/9920000028", FaspayBalanceJson)),
            [FaspaySigner.FaspayKey],
            Faspay);
        yield return new(
            "x-signature Faspay: signed call",
            "/account/api/balance_inquiry/9920000028",
            Json(("/account/api/tokens", FaspayTokenJson), ("/account/api/balance_inquiry/9920000028", FaspayBalanceJson)),
            [FaspaySigner.FaspayKey],
            Faspay);
    }

    private static void ClientCredentialsOptions(SecuritySchemesClientOptions o)
    {
        o.ClientCredentialsClientId = "cc-client";
        o.ClientCredentialsClientSecret = "cc-client-secret";
    }

    private static void PasswordOptions(SecuritySchemesClientOptions o)
    {
        o.PasswordFlowClientId = "pw-client";
        o.PasswordFlowClientSecret = "pw-client-secret";
        o.PasswordFlowUsername = "owner";
        o.PasswordFlowPassword = "owner-password-secret";
    }

    private static AuthServices FreshAuthServices() => new(new InMemoryTokenCache(), TimeProvider.System);

    private static async Task Schemes(Uri server, Action<SecuritySchemesClientOptions> configure, Func<SecuritySchemesClient, Task> call)
    {
        using var http = new HttpClient();
        var options = new SecuritySchemesClientOptions { BaseAddress = new Uri(server, "v1/") };
        configure(options);
        await call(new SecuritySchemesClient(http, options, new SecuritySchemesClientAuth(options, () => http, FreshAuthServices())));
    }

    private static async Task SchemesWithDependencyInjection(Uri server, Action<SecuritySchemesClientOptions> configure, Func<SecuritySchemesClient, Task> call)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITokenCache>(new InMemoryTokenCache());
        services.AddSecuritySchemesClient(o =>
        {
            o.BaseAddress = new Uri(server, "v1/");
            configure(o);
        });
        await using var provider = services.BuildServiceProvider();
        await call(provider.GetRequiredService<SecuritySchemesClient>());
    }

    private static async Task Kitegateway(Uri server, bool withDependencyInjection)
    {
        void Configure(KitegatewayClientOptions o)
        {
            o.BaseAddress = server;
            o.SecretKey = KiteSecretKey;
            o.KitegatewayTokenRequest = new TokenRequest { ApiKey = KiteApiKey, ExpiresIn = 900 };
        }

        if (withDependencyInjection)
        {
            var services = new ServiceCollection();
            services.AddSingleton<ITokenCache>(new InMemoryTokenCache());
            services.AddKitegatewayClient(Configure);
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1");
            return;
        }

        using var http = new HttpClient();
        var options = new KitegatewayClientOptions();
        Configure(options);
        var client = new KitegatewayClient(http, options, new KitegatewayClientAuth(options, () => http, FreshAuthServices()));
        await client.SendTransactionCallbackAsync("KGW-1");
    }

    private static async Task Torus(Uri server)
    {
        using var http = new HttpClient();
        var options = new TorusClientOptions
        {
            BaseAddress = server,
            RequestToken = TorusRequestToken,
            TorusAccessTokenRequest = new SessionRequest { ApiKey = TorusApiKey, ApiSecret = TorusApiSecret },
        };
        var client = new TorusClient(http, options, new TorusClientAuth(options, () => http, FreshAuthServices()));
        await client.GetFundsAsync(new FundsRequest { Source = "N" });
    }

    // FinCode's spec describes only its token endpoint: the authenticated call goes through an AuthenticationHandler on
    // the user's own HttpClient, whose primary handler follows redirects by default.
    private static async Task Fincode(Uri server)
    {
        using var tokenHttp = new HttpClient();
        var options = new FincodeClientOptions
        {
            BaseAddress = server,
            BasicAuthUsername = FincodeClientId,
            BasicAuthPassword = FincodeClientSecret,
            AccessTokenRequest = new PostOauthTokenRequest { Username = FincodeUser, Password = FincodePassword, GrantType = PostOauthTokenRequestGrantType.Password },
        };
        var auth = new FincodeClientAuth(options, () => tokenHttp, FreshAuthServices());
        using var http = new HttpClient(new AuthenticationHandler(auth.GetAuthenticator("accessToken")) { InnerHandler = new HttpClientHandler() });
        using var content = new StringContent("""{"accountNumber":"0123456789"}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(server, "gateway/v2/validate"), content);
        response.EnsureSuccessStatusCode();
    }

    private static async Task Faspay(Uri server)
    {
        using var http = new HttpClient();
        var options = new FaspaySendmeClientOptions { BaseAddress = server, RequestSigner = new FaspaySigner() };
        var client = new FaspaySendmeClient(http, options, new FaspaySendmeClientAuth(options, () => http, FreshAuthServices()));
        var balance = await client.GetBalanceAsync("9920000028");
        if (balance.Status != "2")
        {
            throw new InvalidOperationException("Faspay refused the call: status " + balance.Status);
        }
    }

    private static IReadOnlyDictionary<string, string> Json(params (string Path, string Json)[] answers) =>
        answers.ToDictionary(a => a.Path, a => a.Json, StringComparer.Ordinal);

    private static string Basic(string user, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(user) + ":" + Uri.EscapeDataString(password)));
}
