using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Shouldly;
using SpecClients.EndToEnd.Tests.Generated.FaspaySendme;
using SpecClients.EndToEnd.Tests.Generated.Kitegateway;
using SpecClients.EndToEnd.Tests.Generated.Torus;
using SpecClients.EndToEnd.Tests.Support;
using SpecClients.Samples.Faspay;
using SpecClients.Samples.Sandbox;
using SpecClients.Testing;
using SpecClients.Testing.Oracle;
using Xunit;

namespace SpecClients.EndToEnd.Tests;

/// <summary>
/// Issue 14 point 5, provider requests: every body the generated clients send to the sandbox (token requests and API
/// calls, form-encoded ones included) and every body the sandbox answers with, captured at the wire and validated by
/// NJsonSchema against the operation's schema in the provider's own spec file (read by the oracle, not the generator).
/// The requests check our clients; the responses check that our sandbox is no looser than the specs.
/// </summary>
public sealed class ProviderSchemaOracleTests
{
    private static readonly Dictionary<string, string> SpecFiles = new()
    {
        [SandboxProviders.Fincart] = "fincart.yaml",
        [SandboxProviders.Kitegateway] = "kitegateway.yaml",
        [SandboxProviders.FinCode] = "fincode.yaml",
        [SandboxProviders.Faspay] = "faspay-sendme.yaml",
        [SandboxProviders.Torus] = "torus.yaml",
    };

    /// <summary>
    /// Where a spec and the provider's wire format knowingly disagree. Faspay sends <c>expired_in</c> as a JSON string
    /// ("36000", providers.md); faspay-sendme.yaml declares it <c>type: integer</c> on purpose and says so
    /// (docs/spec-conventions.md: declare the useful type, SpecClients reads numeric strings as numbers), so a strict
    /// validator refuses Faspay's documented token response. The published FinCode spec (byte for byte, never edited) (byte for byte, never edited) and the provider disagree: it lists only a 200 for
    /// its token operation, so the RFC 6749 refusal of wrong client credentials (401 invalid_client) has no schema to be
    /// checked against. Reported, not hidden: any other finding fails, and so does a listed one that no longer occurs.
    /// </summary>
    private static readonly string[] KnownSpecGaps =
    [
        "faspay: GET /account/api/tokens → 200: response: #/expired_in: IntegerExpected (expired_in)",
        "fincode: POST /oauth/token → 401: response: the operation lists no response for status 401",
    ];

    [Fact]
    public async Task EveryBodyClientsAndSandboxExchangeSatisfiesTheProvidersSpecs()
    {
        await using var harness = await Harness.StartAsync();
        var exchanges = new List<WireExchange>();

        exchanges.AddRange(await SuccessfulCallsAsync(harness));
        exchanges.AddRange(await RefusedTokensAndRenewalsAsync(harness));
        exchanges.AddRange(await WrongCredentialsAsync(harness));

        // Faspay's refusal as an HTTP 401 (the sandbox's other documented variant) reaches its specs' default responses.
        await using var faspayWith401 = await Harness.StartAsync(o => o.FaspayRejectionStatusCode = 401);
        exchanges.AddRange(await RefusedTokensAndRenewalsAsync(faspayWith401));
        exchanges.AddRange(await WrongCredentialsAsync(faspayWith401));

        var oracles = SpecFiles.ToDictionary(p => p.Key, p => new ExchangeOracle(RepositoryPaths.Spec(p.Value)));
        var findings = exchanges
            .Where(e => !IsOutsideTheSpec(e))
            .SelectMany(e => oracles[e.Provider].Check(e.Method, e.Path, e.RequestContentType, e.RequestBody, e.StatusCode, e.ResponseContentType, e.ResponseBody)
                .Select(f => e.Provider + ": " + f))
            .Distinct()
            .ToArray();
        findings.Except(KnownSpecGaps).ShouldBeEmpty();
        KnownSpecGaps.Except(findings).ShouldBeEmpty("a known gap no longer occurs: take it off the list");

        // Every operation of every spec was reached, with a body where it takes one and with a refusal where it has one.
        var reached = exchanges.Where(e => !IsOutsideTheSpec(e))
            .Select(e => e.Provider + " " + oracles[e.Provider].OperationOf(e.Method, e.Path)).ToHashSet();
        oracles.SelectMany(o => o.Value.Operations.Select(op => o.Key + " " + op)).Where(op => !reached.Contains(op)).ShouldBeEmpty();
        exchanges.Where(e => e.StatusCode >= 400 || IsFaspayRefusal(e)).Select(e => e.Provider).Distinct().Order().ShouldBe(SpecFiles.Keys.Order());
        exchanges.ShouldContain(e => e.Provider == SandboxProviders.FinCode && e.RequestContentType == "application/x-www-form-urlencoded");
        var kitegatewayTokenBodies = exchanges.Where(e => e.Provider == SandboxProviders.Kitegateway && e.RequestBody is not null).ToArray();
        kitegatewayTokenBodies.ShouldContain(e => e.RequestBody!.Contains("\"expires_in\"", StringComparison.Ordinal));
        kitegatewayTokenBodies.ShouldContain(e => !e.RequestBody!.Contains("expires_in", StringComparison.Ordinal));
    }

    [Fact]
    public void TheOracleRejectsAFormFieldOfTheWrongTypeAndAMissingRequiredOne()
    {
        // The form check is only worth having if it can fail: an integer property sent as text, a required field left out.
        var spec = Path.Combine(Path.GetTempPath(), "oracle-form-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(spec, """
            openapi: 3.0.0
            info: { title: t, version: '1' }
            paths:
              /token:
                post:
                  requestBody:
                    content:
                      application/x-www-form-urlencoded:
                        schema:
                          type: object
                          required: [grant_type, user]
                          properties:
                            grant_type: { type: string, enum: [password] }
                            user: { type: string }
                            lifetime: { type: integer }
                  responses:
                    '200': { description: ok }
            """);
        try
        {
            var oracle = new ExchangeOracle(spec);

            oracle.Check("POST", "/prefix/token", "application/x-www-form-urlencoded", "grant_type=password&user=a%20b&lifetime=60", 200, null, "")
                .ShouldBeEmpty();
            var findings = oracle.Check("POST", "/prefix/token", "application/x-www-form-urlencoded", "grant_type=refresh&lifetime=soon", 200, null, "");
            findings.ShouldContain(f => f.Contains("NotInEnumeration", StringComparison.Ordinal));
            findings.ShouldContain(f => f.Contains("PropertyRequired", StringComparison.Ordinal) && f.Contains("user", StringComparison.Ordinal));
            findings.ShouldContain(f => f.Contains("IntegerExpected", StringComparison.Ordinal));
            oracle.Check("POST", "/prefix/token", "application/x-www-form-urlencoded", "grant_type=password&user=u", 401, null, "")
                .ShouldBe(["POST /token → 401: response: the operation lists no response for status 401"]);
        }
        finally
        {
            File.Delete(spec);
        }
    }

    // Faspay refuses inside an HTTP 200 with status "9" (providers.md's guess; the sandbox's default).
    private static bool IsFaspayRefusal(WireExchange exchange) =>
        exchange.Provider == SandboxProviders.Faspay && exchange.ResponseBody.Contains("\"status\":\"9\"", StringComparison.Ordinal);

    // FinCode's account-number validation is in providers.md and the tour, not in FinCode's published spec.
    private static bool IsOutsideTheSpec(WireExchange exchange) =>
        exchange.Provider == SandboxProviders.FinCode && exchange.Path.EndsWith("/account-number-validation", StringComparison.Ordinal);

    /// <summary>Every operation through the generated clients, optional members both set and left out.</summary>
    private static async Task<IReadOnlyList<WireExchange>> SuccessfulCallsAsync(Harness harness)
    {
        var wire = new WireLog { KeepExchanges = true };
        var services = harness.BuildContainer(new FakeLogCollector(), wire);
        foreach (var provider in SpecFiles.Keys)
        {
            await Clients.CallAsync(services, provider);
        }

        // Kitegateway's expires_in is optional: the token flow sets it; here it is also left out.
        var kitegateway = services.GetRequiredService<KitegatewayClient>();
        await kitegateway.CreateAccessTokenAsync(new TokenRequest { ApiKey = harness.SandboxOptions.KitegatewayApiKey }, CancellationToken.None);
        await kitegateway.CreateAccessTokenAsync(
            new TokenRequest { ApiKey = harness.SandboxOptions.KitegatewayApiKey, ExpiresIn = 300 }, CancellationToken.None);
        await services.GetRequiredService<TorusClient>().GenerateSessionAsync(
            new SessionRequest { ApiKey = harness.SandboxOptions.TorusApiKey, ApiSecret = harness.SandboxOptions.TorusApiSecret }, CancellationToken.None);
        await services.GetRequiredService<FaspaySendmeClient>().GetAccessTokenAsync();
        return wire.Exchanges;
    }

    /// <summary>Each token provider's call finds its token revoked: the sandbox's refusal, then a new token.</summary>
    private static async Task<IReadOnlyList<WireExchange>> RefusedTokensAndRenewalsAsync(Harness harness)
    {
        var wire = new WireLog { KeepExchanges = true };
        var services = harness.BuildContainer(new FakeLogCollector(), wire);
        foreach (var provider in Clients.TokenProviders)
        {
            await Clients.CallAsync(services, provider);
            harness.Sandbox.RevokeAllTokens(provider);
            try
            {
                await Clients.CallAsync(services, provider);
            }
            catch (InvalidOperationException) when (provider == SandboxProviders.Faspay && harness.SandboxOptions.FaspayRejectionStatusCode == 200)
            {
                // Faspay refuses inside an HTTP 200 by default, which the runtime cannot tell from success: the refusal
                // body is what this test needs.
            }
        }

        return wire.Exchanges;
    }

    /// <summary>Every provider with wrong credentials: the sandbox's refusals of token requests and calls.</summary>
    private static async Task<IReadOnlyList<WireExchange>> WrongCredentialsAsync(Harness harness)
    {
        var right = harness.SandboxOptions.Faspay;
        var wrong = new SandboxOptions
        {
            FincartToken = "wrong-fincart-token",
            KitegatewayApiKey = "wrong-kite-api-key",
            FinCodeClientSecret = "wrong-fincode-client-secret",
            Faspay = new FaspayCredentials(right.FaspayKey, right.FaspaySecret, right.AppKey, "wrong-app-secret", right.ClientKey, right.ClientSecret, right.Iv),
            TorusApiSecret = "wrong-torus-api-secret",
        };
        var wire = new WireLog { KeepExchanges = true };
        var services = harness.BuildContainer(new FakeLogCollector(), wire, credentials: wrong);
        foreach (var provider in SpecFiles.Keys)
        {
            await Should.ThrowAsync<Exception>(() => Clients.CallAsync(services, provider));
        }

        return wire.Exchanges;
    }
}
