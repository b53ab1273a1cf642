using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using SpecClients.EndToEnd.Tests.Generated.FaspaySendme;
using SpecClients.EndToEnd.Tests.Generated.Fincart;
using SpecClients.EndToEnd.Tests.Generated.Fincode;
using SpecClients.EndToEnd.Tests.Generated.Kitegateway;
using SpecClients.EndToEnd.Tests.Generated.Torus;
using SpecClients.EndToEnd.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Samples.Faspay;
using SpecClients.Samples.Sandbox;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.EndToEnd.Tests;

/// <summary>
/// Every provider flow (success, cache reuse, refresh, 401 retry, a token the server has expired, expiry, wrong
/// credentials) with distinctive secrets, while everything observable is captured: logs at Trace level (messages,
/// exceptions, structured state), exceptions, the generated records of token requests and responses, descriptions of
/// the runtime objects, activities and metrics of <c>SpecClients.Auth</c>. No secret and no token may appear in any.
/// </summary>
public sealed class SecretsScanTests
{
    private const string Marker = "S3CRET";

    [Fact]
    public async Task NoCredentialOrTokenAppearsInAnythingObservable()
    {
        var observed = new ConcurrentQueue<(string Source, string Text)>();
        using var activities = ListenToAuthActivities(observed);
        using var meter = new AuthMetrics();
        await using var harness = await Harness.StartAsync(options =>
        {
            UseSecrets(options, "ok");
            options.FaspayRejectionStatusCode = 401;
            // Shorter than the 8 h the spec states: the client sends a token the server has already expired.
            options.TorusTokenLifetime = TimeSpan.FromHours(1);
        });
        harness.Wire.KeepTokenResponses = true;
        var services = harness.Services;

        // 1. Every provider, twice: token requested, attached, reused.
        await CallEveryProviderAsync(services, twice: true);

        // 2. The token operations called directly: the generated request and response records.
        await CallTokenOperationsAsync(services, harness.SandboxOptions, observed);

        // 3. 401: revoked tokens are dropped, replaced, retried.
        foreach (var provider in Clients.TokenProviders)
        {
            harness.Sandbox.RevokeAllTokens(provider);
        }

        await CallEveryProviderAsync(services, twice: false);

        // 4. Due for refresh: FinCode uses its refresh token; Kitegateway's 600 s token has expired.
        harness.Clock.Advance(TimeSpan.FromSeconds(3570));
        await CallEveryProviderAsync(services, twice: false);

        // 5. Torus's token expired on the server only: rejected, replaced, retried.
        harness.Clock.Advance(TimeSpan.FromSeconds(60));
        await CallEveryProviderAsync(services, twice: false);

        // 6. Every token expired.
        harness.Clock.Advance(TimeSpan.FromSeconds(36001));
        await CallEveryProviderAsync(services, twice: false);
        Describe(services, observed);

        // 7. Wrong credentials: every call and every token request fails.
        var wrong = new SandboxOptions();
        UseSecrets(wrong, "wrong");
        var wrongServices = harness.BuildContainer(harness.Logs, new WireLog(), credentials: wrong);
        await FailEveryProviderAsync(wrongServices, observed);
        Describe(wrongServices, observed);

        foreach (var entry in harness.Logs.GetSnapshot())
        {
            // HttpClientFactory's header events are scanned without their structured state, which holds every header
            // value as sent: a known leak, asserted on its own below (HttpClientHeaderLogs…).
            observed.Enqueue(("log " + entry.Category + " " + entry.Id, entry.IsHttpClientHeaderEvent() ? entry.FormattedText() : entry.AllText()));
        }

        foreach (var text in meter.Texts)
        {
            observed.Enqueue(("metric", text));
        }

        var secrets = Secrets(harness.SandboxOptions, wrong, harness.Wire.TokenResponseBodies);

        // The capture worked: it holds the events, activities and failures the flows must have produced.
        harness.Wire.TokenResponseBodies.Count.ShouldBeGreaterThanOrEqualTo(19);
        secrets.Count.ShouldBeGreaterThan(40);
        // No TokenRefreshed: none of the five specs allows a refresh grant (FinCode's grant_type enum is [password]).
        foreach (var id in new[] { EventIds.TokenRequested, EventIds.TokenCacheHit, EventIds.TokenAcquired, EventIds.TokenInvalidated, EventIds.TokenRequestFailed })
        {
            harness.Logs.WithEvent(id).ShouldNotBeEmpty(id.Name);
        }

        harness.Logs.GetSnapshot().ShouldContain(e => e.IsHttpClientHeaderEvent(), "no header event: HttpClient's Trace logging was not captured");
        harness.Sandbox.Counters.Kitegateway.CallsRejected.ShouldBe(1);   // revoked
        harness.Sandbox.Counters.Torus.CallsRejected.ShouldBe(2);         // revoked, then expired on the server only
        harness.Sandbox.Counters.Faspay.CallsRejected.ShouldBeGreaterThanOrEqualTo(1);
        observed.Count(o => o.Source.StartsWith("activity", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
        observed.Count(o => o.Source.StartsWith("exception", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(9);

        var leaks = (from o in observed
                     from s in secrets
                     where o.Text.Contains(s.Value, StringComparison.Ordinal)
                     select o.Source + " shows " + s.Name).Distinct().ToList();
        leaks.AddRange(observed.Where(o => o.Text.Contains(Marker, StringComparison.OrdinalIgnoreCase)).Select(o => o.Source + " shows a value marked " + Marker).Distinct());
        leaks.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheFinCodeUsernameIsNotPrintedByTheTokenRequestRecord()
    {
        await using var harness = await Harness.StartAsync(options => options.FinCodeUsername = Marker + "-fincode-username");
        var request = new PostOauthTokenRequest { Username = harness.SandboxOptions.FinCodeUsername, Password = harness.SandboxOptions.FinCodePassword, GrantType = PostOauthTokenRequestGrantType.Password };

        await harness.Services.GetRequiredService<FincodeClient>().PostOauthTokenAsync(request);

        request.ToString().ShouldNotContain(Marker);
        harness.Logs.GetSnapshot().ShouldAllBe(e => !e.AllText().Contains(Marker));
    }

    [Fact]
    public async Task HttpClientHeaderLogsCarryNoCredentialInTheirStructuredState()
    {
        await using var harness = await Harness.StartAsync(options => UseSecrets(options, "ok"));

        foreach (var provider in SandboxProviders.All)
        {
            await harness.CallAsync(provider);
        }

        var headerEvents = harness.Logs.GetSnapshot().Where(e => e.IsHttpClientHeaderEvent()).ToList();
        headerEvents.ShouldNotBeEmpty();
        headerEvents.Where(e => e.AllText().Contains(Marker, StringComparison.Ordinal)).Select(e => e.Category + " " + e.Id).ShouldBeEmpty();
    }

    private static void UseSecrets(SandboxOptions options, string set)
    {
        string S(string name) => Marker + "-" + set + "-" + name;
        options.FincartToken = S("fincart-portal-token");
        options.KitegatewayApiKey = S("kite-api-key");
        options.KitegatewaySecretKey = S("kite-secret-key");
        options.FinCodeClientId = S("fincode-client-id");
        options.FinCodeClientSecret = S("fincode-client-secret");
        // Not marked: the generated PostOauthTokenRequest prints it (see UsernameIsNotPrinted… below).
        options.FinCodeUsername = "fincode-user-" + set;
        options.FinCodePassword = S("fincode-password");
        options.Faspay = new FaspayCredentials(
            faspayKey: S("faspay-key"),
            faspaySecret: S("faspay-secret"),
            appKey: S("faspay-app-key"),
            appSecret: S("faspay-app-secret"),
            clientKey: S("faspay-client-key"),
            clientSecret: S("faspay-client-secret"),
            iv: S("faspay-iv"));
        options.TorusRequestToken = S("torus-request-token");
        options.TorusApiKey = S("torus-api-key");
        options.TorusApiSecret = S("torus-api-secret");
    }

    /// <summary>Every credential of both sets, the values derived from them that work as credentials, and every token issued.</summary>
    private static List<(string Name, string Value)> Secrets(SandboxOptions ok, SandboxOptions wrong, IReadOnlyList<string> tokenResponses)
    {
        var secrets = new List<(string Name, string Value)>();
        foreach (var (set, o) in new[] { ("ok", ok), ("wrong", wrong) })
        {
            void Add(string name, string value) => secrets.Add((set + " " + name, value));
            Add("FincartToken", o.FincartToken);
            Add("KitegatewayApiKey", o.KitegatewayApiKey);
            Add("KitegatewaySecretKey", o.KitegatewaySecretKey);
            Add("FinCodeClientId", o.FinCodeClientId);
            Add("FinCodeClientSecret", o.FinCodeClientSecret);
            Add("FinCodePassword", o.FinCodePassword);
            Add("FinCode Basic credentials", Convert.ToBase64String(Encoding.UTF8.GetBytes(o.FinCodeClientId + ":" + o.FinCodeClientSecret)));
            Add("FaspayKey", o.Faspay.FaspayKey);
            Add("FaspaySecret", o.Faspay.FaspaySecret);
            Add("FaspayAppKey", o.Faspay.AppKey);
            Add("FaspayAppSecret", o.Faspay.AppSecret);
            Add("FaspayClientKey", o.Faspay.ClientKey);
            Add("FaspayClientSecret", o.Faspay.ClientSecret);
            Add("FaspayIv", o.Faspay.Iv);
            Add("faspay-authorization", FaspaySignature.Authorization(o.Faspay));
            Add("Faspay token part", FaspaySignature.TokenPart(o.Faspay));
            Add("TorusRequestToken", o.TorusRequestToken);
            Add("TorusApiKey", o.TorusApiKey);
            Add("TorusApiSecret", o.TorusApiSecret);
        }

        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var body in tokenResponses)
        {
            using var document = JsonDocument.Parse(body);
            CollectTokens(document.RootElement, tokens);
        }

        foreach (var token in tokens)
        {
            secrets.Add(("issued token", token));
            if (token.StartsWith("JWT ", StringComparison.Ordinal))
            {
                secrets.Add(("issued token without its JWT prefix", token.Substring(4)));
            }

            secrets.Add(("Faspay token part with a token", FaspaySignature.TokenPart(ok.Faspay, token)));
        }

        return secrets;
    }

    private static void CollectTokens(JsonElement element, HashSet<string> tokens)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && property.Name is "token" or "access_token" or "refresh_token" or "AccessToken")
            {
                tokens.Add(property.Value.GetString()!);
            }

            CollectTokens(property.Value, tokens);
        }
    }

    private static async Task CallEveryProviderAsync(IServiceProvider services, bool twice)
    {
        foreach (var provider in SandboxProviders.All)
        {
            await Clients.CallAsync(services, provider);
            if (twice)
            {
                await Clients.CallAsync(services, provider);
            }
        }
    }

    private static async Task CallTokenOperationsAsync(IServiceProvider services, SandboxOptions c, ConcurrentQueue<(string, string)> observed)
    {
        var kiteRequest = new TokenRequest { ApiKey = c.KitegatewayApiKey, ExpiresIn = 600 };
        var kiteResponse = await services.GetRequiredService<KitegatewayClient>().CreateAccessTokenAsync(kiteRequest);
        observed.Enqueue(("record Kitegateway TokenRequest", kiteRequest.ToString()));
        observed.Enqueue(("record Kitegateway TokenResponse", kiteResponse.ToString()));
        observed.Enqueue(("record Kitegateway TokenData", kiteResponse.Data!.ToString()));

        var fincode = services.GetRequiredService<FincodeClient>();
        var fincodeRequest = new PostOauthTokenRequest { Username = c.FinCodeUsername, Password = c.FinCodePassword, GrantType = PostOauthTokenRequestGrantType.Password };
        var fincodeResponse = await fincode.PostOauthTokenAsync(fincodeRequest);
        observed.Enqueue(("record FinCode PostOauthTokenRequest", fincodeRequest.ToString()));
        observed.Enqueue(("record FinCode PostOauthTokenResponse", fincodeResponse.ToString()));

        var faspayResponse = await services.GetRequiredService<FaspaySendmeClient>().GetAccessTokenAsync();
        observed.Enqueue(("record Faspay TokenResponse", faspayResponse.ToString()));

        var torusRequest = new SessionRequest { ApiKey = c.TorusApiKey, ApiSecret = c.TorusApiSecret };
        var torusResponse = await services.GetRequiredService<TorusClient>().GenerateSessionAsync(torusRequest);
        observed.Enqueue(("record Torus SessionRequest", torusRequest.ToString()));
        observed.Enqueue(("record Torus SessionResponse", torusResponse.ToString()));
    }

    private static async Task FailEveryProviderAsync(IServiceProvider services, ConcurrentQueue<(string, string)> observed)
    {
        foreach (var provider in SandboxProviders.All)
        {
            var error = await Should.ThrowAsync<Exception>(() => Clients.CallAsync(services, provider));
            Observe(observed, "exception from a call to " + provider, error);
        }

        foreach (var provider in Clients.TokenProviders)
        {
            var error = await Should.ThrowAsync<Exception>(async () => await Clients.TokenProviderOf(services, provider).GetTokenAsync(CancellationToken.None));
            Observe(observed, "exception from the token provider of " + provider, error);
        }
    }

    private static void Observe(ConcurrentQueue<(string, string)> observed, string source, Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            observed.Enqueue((source + " " + e.GetType().Name, e.Message + "\n" + e));
            if (e is ApiException api)
            {
                observed.Enqueue((source + " response body", api.ResponseBody ?? string.Empty));
                if (api.GetType().GetProperty("Error")?.GetValue(api) is { } typed)
                {
                    observed.Enqueue((source + " typed error " + typed.GetType().Name, typed.ToString() ?? string.Empty));
                }
            }
        }
    }

    /// <summary>What a developer sees in a debugger or a log line that prints the runtime objects.</summary>
    private static void Describe(IServiceProvider services, ConcurrentQueue<(string, string)> observed)
    {
        void Add(string name, object? value) => observed.Enqueue(("description of " + name, value?.ToString() ?? string.Empty));
        Add("FincartClientOptions", services.GetRequiredService<IOptions<FincartClientOptions>>().Value);
        Add("KitegatewayClientOptions", services.GetRequiredService<IOptions<KitegatewayClientOptions>>().Value);
        Add("KitegatewayClientOptions.KitegatewayTokenRequest", services.GetRequiredService<IOptions<KitegatewayClientOptions>>().Value.KitegatewayTokenRequest);
        Add("FincodeClientOptions", services.GetRequiredService<IOptions<FincodeClientOptions>>().Value);
        Add("FincodeClientOptions.AccessTokenRequest", services.GetRequiredService<IOptions<FincodeClientOptions>>().Value.AccessTokenRequest);
        Add("FaspaySendmeClientOptions", services.GetRequiredService<IOptions<FaspaySendmeClientOptions>>().Value);
        Add("TorusClientOptions", services.GetRequiredService<IOptions<TorusClientOptions>>().Value);
        Add("TorusClientOptions.TorusAccessTokenRequest", services.GetRequiredService<IOptions<TorusClientOptions>>().Value.TorusAccessTokenRequest);
        Add("FincartClient", services.GetRequiredService<FincartClient>());
        var auths = new (string Name, IReadOnlyList<IRequestAuthenticator> Authenticators)[]
        {
            ("Kitegateway", services.GetRequiredService<KitegatewayClientAuth>().Authenticators),
            ("FinCode", services.GetRequiredService<FincodeClientAuth>().Authenticators),
            ("Faspay", services.GetRequiredService<FaspaySendmeClientAuth>().Authenticators),
            ("Torus", services.GetRequiredService<TorusClientAuth>().Authenticators),
        };
        foreach (var (name, authenticators) in auths)
        {
            foreach (var authenticator in authenticators)
            {
                Add(name + " authenticator " + authenticator.SchemeName, authenticator);
            }
        }

        foreach (var provider in Clients.TokenProviders)
        {
            var tokenProvider = Clients.TokenProviderOf(services, provider);
            Add(provider + " TokenProvider", tokenProvider);
            var token = tokenProvider.GetTokenAsync(CancellationToken.None);
            if (token.IsCompletedSuccessfully)
            {
                Add(provider + " AccessToken", token.Result);
            }
        }
    }

    private static ActivityListener ListenToAuthActivities(ConcurrentQueue<(string, string)> observed)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SpecClientsTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = new StringBuilder()
                    .Append(activity.OperationName).Append(' ').Append(activity.DisplayName)
                    .Append(" status=").Append(activity.Status).Append(' ').Append(activity.StatusDescription);
                foreach (var tag in activity.TagObjects)
                {
                    text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
                }

                foreach (var item in activity.Baggage)
                {
                    text.Append(" baggage ").Append(item.Key).Append('=').Append(item.Value);
                }

                foreach (var e in activity.Events)
                {
                    text.Append(" event ").Append(e.Name);
                    foreach (var tag in e.Tags)
                    {
                        text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
                    }
                }

                observed.Enqueue(("activity " + activity.OperationName, text.ToString()));
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
