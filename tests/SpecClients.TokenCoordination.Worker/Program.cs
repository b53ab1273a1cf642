using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.StackExchangeRedis;

// Arguments: <redis configuration> <token endpoint URL> <distinct tokens to see> <lease milliseconds>.
// Prints "ready" once connected, waits for a line on standard input (so that every process misses the cache at the same
// moment), then asks its token provider for a token every few milliseconds, printing "token <value>" for each new one,
// until it has seen the given number of distinct tokens. Exit code 0 when done, 1 with "error <exception>" otherwise.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: <redis> <token-url> <distinct-tokens> <lease-ms>");
    return 2;
}

var redis = args[0];
var tokenUrl = new Uri(args[1]);
var distinctTokens = int.Parse(args[2], CultureInfo.InvariantCulture);
var lease = TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture));

var services = new ServiceCollection()
    .AddSingleton(TimeProvider.System)
    .AddStackExchangeRedisCache(options => options.Configuration = redis)
    .AddSpecClientsDistributedTokenCache()
    .AddSpecClientsRedisTokenCoordination(options =>
    {
        options.LeaseDuration = lease;
        options.PollInterval = TimeSpan.FromMilliseconds(100);
    })
    .BuildServiceProvider();

using var http = new HttpClient();
var source = new DelegateTokenSource(async (context, cancellationToken) =>
{
    using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl);
    request.Headers.Add("X-Worker", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    using var response = await http.SendAsync(request, cancellationToken);
    response.EnsureSuccessStatusCode();
    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    var value = body.RootElement.GetProperty("access_token").GetString()!;
    var expiresIn = body.RootElement.GetProperty("expires_in").GetInt32();
    return context.CreateToken(value, context.Clock.GetUtcNow().AddSeconds(expiresIn));
});

var authServices = AuthServices.From(services);
var provider = authServices.CreateProvider(
    "CoordinationWorker",
    "oauth",
    source,
    new TokenProviderOptions { RefreshMargin = TimeSpan.Zero, TokenRequestTimeout = TimeSpan.FromSeconds(60) },
    new TokenCredentialIdentity { Credentials = ["client-id", "client-secret"] });

try
{
    // Connects to Redis before the start line, so that connecting does not spread the processes' first misses apart.
    await authServices.Cache.GetAsync("warm-up", CancellationToken.None);
    await authServices.Coordinator.WaitAsync("warm-up", CancellationToken.None);
    Console.WriteLine("ready");
    Console.ReadLine();

    var seen = new HashSet<string>(StringComparer.Ordinal);
    while (seen.Count < distinctTokens)
    {
        var token = await provider.GetTokenAsync(CancellationToken.None);
        if (seen.Add(token.Value))
        {
            Console.WriteLine("token " + token.Value);
        }

        await Task.Delay(20);
    }

    return 0;
}
catch (Exception ex)
{
    Console.WriteLine("error " + ex);
    return 1;
}
