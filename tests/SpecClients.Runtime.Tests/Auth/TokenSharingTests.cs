using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

/// <summary>
/// Issue 12 point 7: providers created separately (one per client instance) for the same credentials over the same
/// cache share one token request and one back-off; other credentials and other caches never share.
/// </summary>
public sealed class TokenSharingTests
{
    private const int Providers = 12;

    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Fact]
    public async Task SeparatelyCreatedProvidersOfOneKeyAndCacheSendOneRequest()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var cache = new CountingTokenCache(new InMemoryTokenCache(_clock));
        var services = new AuthServices(cache, _clock);
        var providers = Enumerable.Range(0, Providers)
            .Select(_ => services.CreateProvider("Test API", "oauth", new DelegateTokenSource(async (c, _) =>
            {
                var n = Interlocked.Increment(ref calls);
                await release.Task;
                return c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1));
            }), new TokenProviderOptions(), "client-1", "secret-1"))
            .ToArray();

        var callers = providers.Select(p => Task.Run(async () => await p.GetTokenAsync(CancellationToken.None))).ToArray();
        await Wait.UntilAsync(() => cache.Reads >= Providers, "every provider has missed the cache");
        release.SetResult();
        var tokens = await Task.WhenAll(callers).Within10s();

        calls.ShouldBe(1);
        tokens.ShouldAllBe(t => t.Value == "token-1");
    }

    [Fact]
    public async Task SeparatelyCreatedProvidersShareTheBackoff()
    {
        var services = new AuthServices(new InMemoryTokenCache(_clock), _clock);
        var calls = 0;
        TokenProvider Create() => services.CreateProvider("Test API", "oauth", new DelegateTokenSource((_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("down");
        }), new TokenProviderOptions(), "client-1", "secret-1");

        await Should.ThrowAsync<TokenAcquisitionException>(async () => await Create().GetTokenAsync(CancellationToken.None));
        var fast = await Should.ThrowAsync<TokenAcquisitionException>(async () => await Create().GetTokenAsync(CancellationToken.None));

        fast.RetryNotBefore.ShouldNotBeNull();
        calls.ShouldBe(1);
    }

    [Fact]
    public async Task DifferentCredentialsOrDifferentCachesNeverShare()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new InMemoryTokenCache(_clock);
        TokenProvider Create(AuthServices services, string secret) => services.CreateProvider("Test API", "oauth", new DelegateTokenSource(async (c, _) =>
        {
            await release.Task;
            return c.CreateToken("token-for-" + secret, c.Clock.GetUtcNow().AddHours(1));
        }), new TokenProviderOptions(), "client-1", secret);
        var shared = new AuthServices(cache, _clock);
        var a = Create(shared, "secret-a");
        var b = Create(shared, "secret-b");
        var otherCache = Create(new AuthServices(new InMemoryTokenCache(_clock), _clock), "secret-a");

        var waiting = new[] { a, b, otherCache }.Select(p => p.GetTokenAsync(CancellationToken.None).AsTask()).ToArray();
        release.SetResult();
        var tokens = await Task.WhenAll(waiting).Within10s();

        tokens.Select(t => t.Value).ShouldBe(new[] { "token-for-secret-a", "token-for-secret-b", "token-for-secret-a" });
        ReferenceEquals(tokens[0], tokens[2]).ShouldBeFalse("another cache is another token, obtained by its own request");
    }
}
