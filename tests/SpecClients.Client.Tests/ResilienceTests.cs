using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Providers.Kitegateway;
using Providers.SecuritySchemes;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

/// <summary>
/// Generated clients composed with a user's resilience handler (<c>AddStandardResilienceHandler()</c> on the builder
/// that <c>Add{Client}()</c> returns), against a Kestrel server on 127.0.0.1 that counts every attempt: with the
/// built-in retry off (<c>Retry = ApiRetryPolicy.None</c>) the handler alone decides how often a call or a token request
/// is sent, and a 401 still renews the token exactly once. And the built-in retry's own wait runs on the registered
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class ResilienceTests
{
    private const string TokenPath = "/v1/auth/token";
    private const string CallPath = "/v1/transactions/send-callback/KGW-1";
    private const string OAuth2TokenPath = "/oauth2/token";
    private const string MachinePath = "/v1/machine";

    /// <summary>What the user configures on the standard handler: 2 retries, so 3 attempts.</summary>
    private const int HandlerRetries = 2;

    // Expires in 2100: valid on the system clock and on a FakeTimeProvider (which starts in 2000).
    private const string KiteToken = """{"code":200,"status":"success","message":"Token generated","data":{"token":"JWT kite-token","expires":4102444800}}""";
    private const string CallbackSent = """{"code":200,"status":"success","message":"Callback sent","data":null}""";
    private const string OAuth2Token = """{"access_token":"oauth-token","token_type":"Bearer","expires_in":3600}""";

    [Fact]
    public async Task WithTheBuiltInRetryOffTheResilienceHandlerAloneDecidesHowOftenACallIsSent()
    {
        await using var server = await CountingServer.StartAsync(new() { [TokenPath] = _ => (200, KiteToken), [CallPath] = _ => (503, "{}") });
        await using var provider = Kitegateway(server.Uri, ApiRetryPolicy.None, HandlerRetries);

        var error = await Should.ThrowAsync<ApiException>(() => provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1"));

        error.StatusCode.ShouldBe(503);
        server.Attempts(CallPath).ShouldBe(HandlerRetries + 1);
        server.Attempts(TokenPath).ShouldBe(1);
    }

    [Fact]
    public async Task WithTheBuiltInRetryOffTokenRequestsAreRetriedByTheResilienceHandlerOnly()
    {
        await using var server = await CountingServer.StartAsync(new() { [TokenPath] = _ => (503, "{}"), [CallPath] = _ => (200, CallbackSent) });
        await using var provider = Kitegateway(server.Uri, ApiRetryPolicy.None, HandlerRetries);

        await Should.ThrowAsync<ApiException>(() => provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1"));

        server.Attempts(TokenPath).ShouldBe(HandlerRetries + 1, "the token operation through the handler, not also through ApiClientCore");
        server.Attempts(CallPath).ShouldBe(0);
    }

    [Fact]
    public async Task ATokenRequestThatFailsOnceSucceedsThroughTheResilienceHandler()
    {
        await using var server = await CountingServer.StartAsync(new()
        {
            [TokenPath] = attempt => attempt == 1 ? (503, "{}") : (200, KiteToken),
            [CallPath] = _ => (200, CallbackSent),
        });
        await using var provider = Kitegateway(server.Uri, ApiRetryPolicy.None, HandlerRetries);

        var response = await provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1");

        response.Message.ShouldBe("Callback sent");
        server.Attempts(TokenPath).ShouldBe(2);
        server.Attempts(CallPath).ShouldBe(1);
    }

    [Fact]
    public async Task OAuth2TokenRequestsAreRetriedByTheResilienceHandlerOnly()
    {
        await using var server = await CountingServer.StartAsync(new() { [OAuth2TokenPath] = _ => (503, "{}"), [MachinePath] = _ => (204, string.Empty) });
        var services = new ServiceCollection();
        services.AddSingleton<ITokenCache>(new InMemoryTokenCache());
        services.AddSecuritySchemesClient(o =>
            {
                o.BaseAddress = new Uri(server.Uri, "v1/");
                o.ClientCredentialsClientId = "app";
                o.ClientCredentialsClientSecret = "s3cret";
                o.Retry = ApiRetryPolicy.None;
            })
            .AddStandardResilienceHandler(Configure);
        await using var provider = services.BuildServiceProvider();

        await Should.ThrowAsync<Exception>(() => provider.GetRequiredService<SecuritySchemesClient>().GetAsMachineAsync());

        server.Attempts(OAuth2TokenPath).ShouldBe(HandlerRetries + 1);
        server.Attempts(MachinePath).ShouldBe(0);
    }

    [Fact]
    public async Task UnderAResilienceHandlerA401RenewsTheTokenExactlyOnce()
    {
        await using var server = await CountingServer.StartAsync(new() { [TokenPath] = _ => (200, KiteToken), [CallPath] = _ => (401, "{}") });
        await using var provider = Kitegateway(server.Uri, ApiRetryPolicy.None, HandlerRetries);

        var error = await Should.ThrowAsync<ApiException>(() => provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1"));

        error.StatusCode.ShouldBe(401);
        server.Attempts(TokenPath).ShouldBe(2, "the first token, then one renewal");
        server.Attempts(CallPath).ShouldBe(2, "the call, then once with the renewed token");
    }

    [Fact]
    public async Task UnderAResilienceHandlerARevokedTokenIsReplacedAndTheCallSucceeds()
    {
        await using var server = await CountingServer.StartAsync(new()
        {
            [TokenPath] = _ => (200, KiteToken),
            [CallPath] = attempt => attempt == 1 ? (401, "{}") : (200, CallbackSent),
        });
        await using var provider = Kitegateway(server.Uri, ApiRetryPolicy.None, HandlerRetries);

        var response = await provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1");

        response.Message.ShouldBe("Callback sent");
        server.Attempts(TokenPath).ShouldBe(2);
        server.Attempts(CallPath).ShouldBe(2);
    }

    /// <summary>
    /// The documented choice: a resilience handler does not switch the built-in retry off by itself (SpecClients cannot
    /// tell whether a handler retries), so leaving <c>Retry</c> unset beside one multiplies the attempts.
    /// </summary>
    [Fact]
    public async Task LeftOnBesideAResilienceHandlerTheBuiltInRetryMultipliesTheAttempts()
    {
        await using var server = await CountingServer.StartAsync(new() { [TokenPath] = _ => (200, KiteToken), [CallPath] = _ => (503, "{}") });
        await using var provider = Kitegateway(server.Uri, retry: null, HandlerRetries);

        await Should.ThrowAsync<ApiException>(() => provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1"));

        server.Attempts(CallPath).ShouldBe((ApiRetryPolicy.Default.MaxRetries + 1) * (HandlerRetries + 1));
    }

    [Fact]
    public async Task WithoutAHandlerNoneSendsATokenRequestOnce()
    {
        await using var server = await CountingServer.StartAsync(new() { [TokenPath] = _ => (503, "{}") });
        await using var provider = Kitegateway(server.Uri, ApiRetryPolicy.None, handlerRetries: null);

        await Should.ThrowAsync<ApiException>(() => provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1"));

        server.Attempts(TokenPath).ShouldBe(1);
    }

    [Fact]
    public async Task WithoutAHandlerNoneSendsACallOnce()
    {
        await using var server = await CountingServer.StartAsync(new() { [TokenPath] = _ => (200, KiteToken), [CallPath] = _ => (503, "{}") });
        await using var provider = Kitegateway(server.Uri, ApiRetryPolicy.None, handlerRetries: null);

        await Should.ThrowAsync<ApiException>(() => provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1"));

        server.Attempts(CallPath).ShouldBe(1);
    }

    [Fact]
    public async Task TheBuiltInRetryWaitsOnTheRegisteredTimeProvider()
    {
        await using var server = await CountingServer.StartAsync(new()
        {
            [TokenPath] = _ => (200, KiteToken),
            [CallPath] = attempt => attempt == 1 ? (503, "{}") : (200, CallbackSent),
        });
        var clock = new FakeTimeProvider();
        var started = clock.GetUtcNow();

        // A wait of a day: on the real clock the call would not finish within the test; on the fake one it finishes
        // once the test moves the clock on.
        var aDay = TimeSpan.FromDays(1);
        await using var provider = Kitegateway(server.Uri, new ApiRetryPolicy(maxRetries: 1, defaultDelay: aDay, maxDelay: aDay), handlerRetries: null, clock);
        var call = provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1");

        // The timer may not be set yet when the 503 arrives: move the clock a day at a time until the call completes.
        for (var day = 0; day < 50 && !call.IsCompleted; day++)
        {
            if (server.Attempts(CallPath) >= 1)
            {
                clock.Advance(aDay);
            }

            await Task.WhenAny(call, Task.Delay(100));
        }

        call.IsCompleted.ShouldBeTrue("the retry did not go out when the fake clock passed its wait");
        (await call).Message.ShouldBe("Callback sent");
        server.Attempts(CallPath).ShouldBe(2);
        (clock.GetUtcNow() - started).ShouldBeGreaterThanOrEqualTo(aDay);
    }

    [Fact]
    public void RetryIsBoundFromConfiguration()
    {
        ApiRetryPolicy? Bind(params (string Key, string Value)[] settings)
        {
            var entries = new Dictionary<string, string?>();
            foreach (var (key, value) in settings)
            {
                entries["Kitegateway:" + key] = value;
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(entries).Build();
            var services = new ServiceCollection();
            services.AddKitegatewayClient();
            services.Configure<KitegatewayClientOptions>(configuration.GetSection("Kitegateway"));
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IOptions<KitegatewayClientOptions>>().Value.Retry;
        }

        Bind(("SecretKey", "k")).ShouldBeNull("unset: the client uses ApiRetryPolicy.Default");
        Bind(("Retry:MaxRetries", "0"))!.MaxRetries.ShouldBe(0);
        var custom = Bind(("Retry:MaxRetries", "3"), ("Retry:DefaultDelay", "00:00:02"), ("Retry:MaxDelay", "00:00:30"))!;
        custom.MaxRetries.ShouldBe(3);
        custom.DefaultDelay.ShouldBe(TimeSpan.FromSeconds(2));
        custom.MaxDelay.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ABoundPolicyDecidesHowOftenACallIsSent()
    {
        await using var server = await CountingServer.StartAsync(new() { [TokenPath] = _ => (200, KiteToken), [CallPath] = _ => (503, "{}") });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Retry:MaxRetries"] = "3", ["Retry:DefaultDelay"] = "00:00:00" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<ITokenCache>(new InMemoryTokenCache());
        services.Configure<KitegatewayClientOptions>(configuration);
        services.AddKitegatewayClient(ConfigureKitegateway(server.Uri));
        await using var provider = services.BuildServiceProvider();

        await Should.ThrowAsync<ApiException>(() => provider.GetRequiredService<KitegatewayClient>().SendTransactionCallbackAsync("KGW-1"));

        server.Attempts(CallPath).ShouldBe(4);
    }

    private static Action<KitegatewayClientOptions> ConfigureKitegateway(Uri server) => o =>
    {
        o.BaseAddress = server;
        o.SecretKey = "kg-secret";
        o.KitegatewayTokenRequest = new TokenRequest { ApiKey = "kg-api-key" };
    };

    private static ServiceProvider Kitegateway(Uri server, ApiRetryPolicy? retry, int? handlerRetries, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITokenCache>(new InMemoryTokenCache());
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        var builder = services.AddKitegatewayClient(o =>
        {
            ConfigureKitegateway(server)(o);
            o.Retry = retry;
        });
        if (handlerRetries is not null)
        {
            builder.AddStandardResilienceHandler(Configure);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>The standard handler with <see cref="HandlerRetries"/> retries and no wait between them.</summary>
    private static void Configure(HttpStandardResilienceOptions options)
    {
        options.Retry.MaxRetryAttempts = HandlerRetries;
        options.Retry.Delay = TimeSpan.Zero;
        options.Retry.BackoffType = DelayBackoffType.Constant;
        options.Retry.UseJitter = false;
    }

    /// <summary>A Kestrel server on 127.0.0.1 that answers each path by its attempt number and counts the attempts.</summary>
    private sealed class CountingServer : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, Func<int, (int Status, string Json)>> _answers;
        private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
        private LoopbackServer? _server;

        private CountingServer(Dictionary<string, Func<int, (int Status, string Json)>> answers) =>
            _answers = new(answers, StringComparer.Ordinal);

        public Uri Uri => _server!.Uri;

        public static async Task<CountingServer> StartAsync(Dictionary<string, Func<int, (int Status, string Json)>> answers)
        {
            var server = new CountingServer(answers);
            server._server = await LoopbackServer.StartAsync(server.HandleAsync);
            return server;
        }

        public int Attempts(string path) => _attempts.TryGetValue(path, out var count) ? count : 0;

        public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

        private async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? string.Empty;
            var attempt = _attempts.AddOrUpdate(path, 1, static (_, count) => count + 1);
            var (status, json) = _answers.TryGetValue(path, out var answer) ? answer(attempt) : (404, "{}");
            context.Response.StatusCode = status;
            if (json.Length > 0)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json, CancellationToken.None);
            }
        }
    }
}
