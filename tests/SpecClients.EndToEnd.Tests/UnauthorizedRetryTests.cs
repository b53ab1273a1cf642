using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.EndToEnd.Tests.Support;
using SpecClients.Runtime.Http;
using SpecClients.Samples.Sandbox;
using Xunit;

namespace SpecClients.EndToEnd.Tests;

/// <summary>A 401 drops the token, obtains one new token and retries once; a server that keeps refusing is not looped on.</summary>
public sealed class UnauthorizedRetryTests
{
    public static TheoryData<string> TokenProviders => new(Clients.TokenProviders);

    // Faspay refuses with HTTP 200 and status "9" by default (providers.md's guess); these tests make it a 401, so that
    // every provider goes through the same path (the 200 form has tests of its own below).
    private static void FaspayRefusesWith401(SandboxOptions options) => options.FaspayRejectionStatusCode = 401;

    /// <summary>
    /// Every authenticated call finds every token revoked: the sandbox refuses them all, token requests succeed.
    /// Returns how many authenticated calls were sent; a client that loops is stopped after five, so that the test fails
    /// instead of hanging.
    /// </summary>
    private static Func<int> RevokeBeforeEveryCall(Harness harness, string provider)
    {
        var attempts = 0;
        harness.Wire.BeforeSend = (target, request) =>
        {
            if (target == provider && !WireLog.IsTokenEndpoint(request.RequestUri))
            {
                if (Interlocked.Increment(ref attempts) > 5)
                {
                    throw new InvalidOperationException("The client keeps retrying a rejected call.");
                }

                harness.Sandbox.RevokeAllTokens(provider);
            }
        };
        return () => Volatile.Read(ref attempts);
    }

    [Theory]
    [MemberData(nameof(TokenProviders))]
    public async Task ARevokedTokenIsReplacedOnceAndTheCallRetriedSuccessfully(string provider)
    {
        await using var harness = await Harness.StartAsync(FaspayRefusesWith401);
        await harness.CallAsync(provider);

        harness.Sandbox.RevokeAllTokens(provider);
        await harness.CallAsync(provider);
        await harness.CallAsync(provider);

        var counters = harness.Sandbox.Counters[provider];
        counters.TokenRequests.ShouldBe(2);
        counters.CallsRejected.ShouldBe(1);
        counters.CallsAccepted.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TokenProviders))]
    public async Task AServerThatAlwaysRejectsGivesA401AfterExactlyOneRetry(string provider)
    {
        await using var harness = await Harness.StartAsync(FaspayRefusesWith401);
        var attempts = RevokeBeforeEveryCall(harness, provider);

        var error = await Should.ThrowAsync<Exception>(() => harness.CallAsync(provider));

        Clients.StatusOf(error).ShouldBe(401);
        if (provider != SandboxProviders.FinCode)
        {
            error.ShouldBeAssignableTo<ApiException>(); // generated clients; FinCode's call is a plain HttpClient's
        }

        var counters = harness.Sandbox.Counters[provider];
        counters.CallsRejected.ShouldBe(2);
        counters.CallsAccepted.ShouldBe(0);
        counters.TokenRequests.ShouldBe(2);
        harness.Wire.Entries.Count(e => e.Provider == provider && e.StatusCode == 401).ShouldBe(2);
        attempts().ShouldBe(2);
    }

    [Fact]
    public async Task ARejectedStaticFincartTokenIsNotRetried()
    {
        await using var harness = await Harness.StartAsync();
        harness.Sandbox.RevokeAllTokens(SandboxProviders.Fincart);

        var error = await Should.ThrowAsync<ApiException>(() => harness.CallAsync(SandboxProviders.Fincart));

        error.StatusCode.ShouldBe(403);
        harness.Sandbox.Counters.Fincart.CallsRejected.ShouldBe(1);
        harness.Wire.Entries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task AFaspayRefusalInsideHttp200DropsTheTokenAndRetriesOnce()
    {
        // The default sandbox: Faspay's refusal is HTTP 200 with status "9"; the spec's x-token rejected-when says so.
        await using var harness = await Harness.StartAsync();
        await harness.CallAsync(SandboxProviders.Faspay);
        harness.Sandbox.RevokeAllTokens(SandboxProviders.Faspay);

        await harness.CallAsync(SandboxProviders.Faspay);
        await harness.CallAsync(SandboxProviders.Faspay);

        var counters = harness.Sandbox.Counters.Faspay;
        counters.TokenRequests.ShouldBe(2);
        counters.CallsRejected.ShouldBe(1);
        counters.CallsAccepted.ShouldBe(3);
        harness.Wire.Entries.Where(e => e.Provider == SandboxProviders.Faspay).ShouldAllBe(e => e.StatusCode == 200);
    }

    [Fact]
    public async Task AFaspayServerThatRefusesEveryTokenInsideHttp200GivesAnApiExceptionAfterOneRetry()
    {
        await using var harness = await Harness.StartAsync();
        var attempts = RevokeBeforeEveryCall(harness, SandboxProviders.Faspay);

        var error = await Should.ThrowAsync<ApiException>(() => harness.CallAsync(SandboxProviders.Faspay));

        error.StatusCode.ShouldBe(200);
        error.Message.ShouldContain("refused the credentials (/status = \"9\") even with a fresh token");
        attempts().ShouldBe(2);
        harness.Sandbox.Counters.Faspay.TokenRequests.ShouldBe(2);
        harness.Sandbox.Counters.Faspay.CallsRejected.ShouldBe(2);
    }
}
