using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpecClients.Runtime.Auth;
using SpecClients.Samples.Faspay;
using SpecClients.Samples.ProviderTour;
using SpecClients.Samples.ProviderTour.FaspaySendme;
using SpecClients.Samples.ProviderTour.Fincart;
using SpecClients.Samples.ProviderTour.Fincode;
using SpecClients.Samples.ProviderTour.Kitegateway;
using SpecClients.Samples.ProviderTour.Torus;
using SpecClients.Samples.Sandbox;

// dotnet run --project samples/ProviderTour            -> against the local sandbox (started here, on 127.0.0.1)
// dotnet run --project samples/ProviderTour -- --live  -> against the real providers, credentials from configuration
var live = args.Contains("--live");
var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables("SPECCLIENTS_")
    .AddCommandLine(args.Where(a => a != "--live").ToArray())
    .Build();

await using var sandbox = live ? null : await ProviderSandbox.StartAsync(new SandboxOptions());
var sandboxCredentials = new SandboxOptions();

var services = new ServiceCollection();
services.AddLogging();
if (live)
{
    // Live: every option comes from configuration, e.g. SPECCLIENTS_Kitegateway__SecretKey,
    // SPECCLIENTS_Kitegateway__KitegatewayTokenRequest__ApiKey (see samples/ProviderTour/README.md).
    services.AddFincartClient().Services.Configure<FincartClientOptions>(configuration.GetSection("Fincart"));
    services.AddKitegatewayClient().Services.Configure<KitegatewayClientOptions>(configuration.GetSection("Kitegateway"));
    services.AddFincodeClient().Services.Configure<FincodeClientOptions>(configuration.GetSection("Fincode"));
    services.AddFaspaySendmeClient().Services.Configure<FaspaySendmeClientOptions>(configuration.GetSection("Faspay"));
    services.AddTorusClient().Services.Configure<TorusClientOptions>(configuration.GetSection("Torus"));
    var faspay = configuration.GetSection("Faspay:Credentials");
    if (faspay.Exists())
    {
        // TokenSigning: ServicePath (default, as Faspay's SDKs sign the token request) or TokensEndpoint.
        var tokenSigning = Enum.TryParse<FaspayTokenSigning>(faspay["TokenSigning"], ignoreCase: true, out var reading) ? reading : FaspayTokenSigning.ServicePath;
        services.AddSingleton<IRequestSigner>(new FaspayRequestSigner(
            new FaspayCredentials(
                faspay["FaspayKey"]!, faspay["FaspaySecret"]!, faspay["AppKey"]!, faspay["AppSecret"]!, faspay["ClientKey"]!, faspay["ClientSecret"]!, faspay["Iv"]!),
            tokenSigning));
    }
}
else
{
    var s = sandboxCredentials;
    services.AddFincartClient(o =>
    {
        o.BaseAddress = sandbox!.For(SandboxProviders.Fincart);
        o.FincartToken = s.FincartToken;
    });
    services.AddKitegatewayClient(o =>
    {
        o.BaseAddress = sandbox!.For(SandboxProviders.Kitegateway);
        o.SecretKey = s.KitegatewaySecretKey;
        o.KitegatewayTokenRequest = new SpecClients.Samples.ProviderTour.Kitegateway.TokenRequest { ApiKey = s.KitegatewayApiKey, ExpiresIn = 300 };
    });
    services.AddFincodeClient(o =>
    {
        o.BaseAddress = sandbox!.For(SandboxProviders.FinCode);
        o.BasicAuthUsername = s.FinCodeClientId;
        o.BasicAuthPassword = s.FinCodeClientSecret;
        o.AccessTokenRequest = new PostOauthTokenRequest { Username = s.FinCodeUsername, Password = s.FinCodePassword, GrantType = PostOauthTokenRequestGrantType.Password };
    });
    services.AddFaspaySendmeClient(o =>
    {
        o.BaseAddress = sandbox!.For(SandboxProviders.Faspay);
        o.RequestSigner = new FaspayRequestSigner(s.Faspay);
    });
    services.AddTorusClient(o =>
    {
        o.BaseAddress = sandbox!.For(SandboxProviders.Torus);
        o.RequestToken = s.TorusRequestToken;
        o.TorusAccessTokenRequest = new SessionRequest { ApiKey = s.TorusApiKey, ApiSecret = s.TorusApiSecret };
    });
}

using var meter = new TokenMeter();
await using var provider = services.BuildServiceProvider();
var tour = new ProviderTour(provider, meter);
var results = new List<TourResult>
{
    await tour.RunAsync("Fincart", ProviderTour.FincartAsync),
    await tour.RunAsync("Kitegateway", ProviderTour.KitegatewayAsync),
    await tour.RunAsync("FinCode", ProviderTour.FincodeAsync),
    await tour.RunAsync("Faspay SendMe", ProviderTour.FaspayAsync),
    await tour.RunAsync("Torus", ProviderTour.TorusAsync),
};

Console.WriteLine(live ? "SpecClients provider tour: LIVE providers" : $"SpecClients provider tour: local sandbox at {sandbox!.BaseAddress}");
Console.WriteLine();
var header = new[] { "provider", "token (masked)", "expires (UTC)", "token requests", "cache hits", "result" };
var rows = results.Select(r => new[]
{
    r.Provider,
    r.Token,
    r.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
    r.TokenRequests.ToString(CultureInfo.InvariantCulture),
    r.CacheHits.ToString(CultureInfo.InvariantCulture),
    (r.Succeeded ? "OK  " : "FAIL ") + r.Result,
}).ToList();
var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i])));
Console.WriteLine(Line(header));
Console.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
foreach (var row in rows)
{
    Console.WriteLine(Line(row));
}

return results.All(r => r.Succeeded) ? 0 : 1;
