using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Samples.AotSample.Kitegateway;
using SpecClients.Samples.AotSample.Torus;

// SpecClients.Samples.AotSample <sandbox-url>
//   e.g. http://127.0.0.1:5080/ from `dotnet run --project samples/ProviderSandbox`. The credentials are the sandbox's
//   made-up defaults (SandboxOptions); they can be overridden with SPECCLIENTS_* environment variables.
if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var sandbox))
{
    await Console.Error.WriteLineAsync("usage: SpecClients.Samples.AotSample <sandbox-url>   e.g. http://127.0.0.1:5080/");
    return 2;
}

static string Setting(string name, string sandboxDefault) =>
    Environment.GetEnvironmentVariable("SPECCLIENTS_" + name) is { Length: > 0 } value ? value : sandboxDefault;

// Kitegateway's HttpClient gets the standard resilience handler, so the built-in retry is switched off: the handler
// alone decides how often a call or a token request is sent.
var services = new ServiceCollection();
services.AddKitegatewayClient(o =>
{
    o.Retry = ApiRetryPolicy.None;
    o.BaseAddress = new Uri(sandbox, "kitegateway/");
    o.SecretKey = Setting("KITEGATEWAY_SECRET_KEY", "sandbox-kite-secret-key");
    o.KitegatewayTokenRequest = new SpecClients.Samples.AotSample.Kitegateway.TokenRequest
    {
        ApiKey = Setting("KITEGATEWAY_API_KEY", "sandbox-kite-api-key"),
        ExpiresIn = 300,
    };
}).AddStandardResilienceHandler();
services.AddTorusClient(o =>
{
    o.BaseAddress = new Uri(sandbox, "torus/");
    o.RequestToken = Setting("TORUS_REQUEST_TOKEN", "sandbox-torus-request-token");
    o.TorusAccessTokenRequest = new SessionRequest
    {
        ApiKey = Setting("TORUS_API_KEY", "sandbox-torus-api-key"),
        ApiSecret = Setting("TORUS_API_SECRET", "sandbox-torus-api-secret"),
    };
});

await using var provider = services.BuildServiceProvider();
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
var ct = timeout.Token;
var failures = 0;

try
{
    // Kitegateway: POST /v1/auth/token with Secret-Key, then Authorization: JWT <token>.
    var kitegateway = provider.GetRequiredService<KitegatewayClient>();
    var callback = await kitegateway.SendTransactionCallbackAsync("KGW-REF-1001", ct);
    var kiteToken = await provider.GetRequiredService<KitegatewayClientAuth>().KitegatewayToken.GetTokenAsync(ct);
    Console.WriteLine($"kitegateway: token {Describe(kiteToken)}; send-callback {callback.Status} ({callback.Message})");
    var builtIn = kitegateway.Options.Retry?.MaxRetries.ToString(CultureInfo.InvariantCulture) ?? "default";
    Console.WriteLine($"kitegateway: built-in retries {builtIn}, standard resilience handler");
}
catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
{
    failures++;
    Console.WriteLine($"kitegateway: FAILED {ex.GetType().Name}: {ex.Message}");
}

try
{
    // Torus: POST /api/v1/session/generate with the Token header, then Authorization: Bearer <token>.
    var torus = provider.GetRequiredService<TorusClient>();
    var funds = await torus.GetFundsAsync(new FundsRequest { Source = "N" }, ct);
    var torusToken = await provider.GetRequiredService<TorusClientAuth>().TorusAccessToken.GetTokenAsync(ct);
    Console.WriteLine($"torus: token {Describe(torusToken)}; funds {funds.Status} ({funds.Data?.Count ?? 0} limit(s))");
}
catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
{
    failures++;
    Console.WriteLine($"torus: FAILED {ex.GetType().Name}: {ex.Message}");
}

Console.WriteLine(failures == 0 ? "aot sample: OK" : $"aot sample: {failures} FAILED");
return failures == 0 ? 0 : 1;

// Never prints the token itself: its length and expiry are enough to show one was obtained.
static string Describe(AccessToken token) =>
    $"obtained ({token.Value.Length.ToString(CultureInfo.InvariantCulture)} chars, expires {token.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-"} UTC)";
