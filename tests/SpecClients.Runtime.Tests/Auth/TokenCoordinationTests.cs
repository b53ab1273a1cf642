using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

/// <summary>The cache-miss path through an <see cref="ITokenCoordinator"/>: one request among providers that share a cache.</summary>
public sealed class TokenCoordinationTests
{
    private static readonly TokenCredentialIdentity s_identity = new() { Credentials = ["client-id", "client-secret"] };

    [Fact]
    public async Task ProvidersSharingACacheInOneProcessMakeOneRequest()
    {
        var clock = TestClock.Create();
        var services = new AuthServices(new InMemoryTokenCache(clock), clock);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new TestTokenSource(async (context, call, _) =>
        {
            await release.Task;
            return context.CreateToken("token-" + call, context.Clock.GetUtcNow().AddHours(1));
        });

        // Two providers, as two client instances with the same credentials get: each has its own flight.
        var first = services.CreateProvider("Api", "oauth", source, new TokenProviderOptions(), s_identity);
        var second = services.CreateProvider("Api", "oauth", source, new TokenProviderOptions(), s_identity);
        var calls = new[] { first.GetTokenAsync(CancellationToken.None).AsTask(), second.GetTokenAsync(CancellationToken.None).AsTask() };
        await WaitUntilAsync(() => source.Calls == 1);
        release.SetResult();
        var tokens = await Task.WhenAll(calls);

        source.Calls.ShouldBe(1);
        tokens[0].Value.ShouldBe("token-1");
        tokens[1].Value.ShouldBe("token-1");
    }

    [Fact]
    public async Task AWaiterRequestsItselfWhenTheLeaseHolderFails()
    {
        // Two processes: each its own memory cache (so no shared in-process flight), one coordinator between them.
        var clock = TestClock.Create();
        var coordinator = new AuthServices(new InMemoryTokenCache(clock), clock).Coordinator;
        var key = TokenCacheKey.Create("Api", "oauth", "client-id");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new TestTokenSource(async (context, call, _) =>
        {
            if (call == 1)
            {
                await release.Task;
                throw new InvalidOperationException("the token endpoint refused the first request");
            }

            return context.CreateToken("token-" + call, context.Clock.GetUtcNow().AddHours(1));
        });
        TokenProvider InAProcess() => new(key, source, new InMemoryTokenCache(clock), new TokenProviderOptions(), clock, NullLogger.Instance, coordinator);

        var holder = InAProcess().GetTokenAsync(CancellationToken.None).AsTask();
        await WaitUntilAsync(() => source.Calls == 1);
        var waiter = InAProcess().GetTokenAsync(CancellationToken.None).AsTask();
        release.SetResult();

        (await Should.ThrowAsync<TokenAcquisitionException>(holder)).InnerException.ShouldBeOfType<InvalidOperationException>();
        (await waiter).Value.ShouldBe("token-2");
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task ARegisteredCoordinatorIsUsedAndAFailingOneFallsBackToAnUncoordinatedRequest()
    {
        var clock = TestClock.Create();
        var coordinator = new FailingCoordinator();
        var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ITokenCoordinator>(coordinator)
            .BuildServiceProvider();
        var services = AuthServices.From(provider);
        services.Coordinator.ShouldBeSameAs(coordinator);

        var source = new TestTokenSource();
        var token = await services.CreateProvider("Api", "oauth", source, new TokenProviderOptions(), s_identity).GetTokenAsync(CancellationToken.None);

        token.Value.ShouldBe("token-1");
        coordinator.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task AProviderCreatedWithoutACoordinatorDoesNotWaitForALeaseHeldElsewhere()
    {
        // Providers of one process that share a cache and key share one flight anyway (TokenSharingTests); the
        // coordinator is what extends that to other processes, so without one a lease held elsewhere is not waited for.
        var clock = TestClock.Create();
        var cache = new InMemoryTokenCache(clock);
        var source = new TestTokenSource((context, call, _) =>
            new ValueTask<AccessToken>(context.CreateToken("token-" + call, context.Clock.GetUtcNow().AddHours(1))));
        var key = TokenCacheKey.Create("Api", "oauth", "client-id");
        var coordinator = new AuthServices(cache, clock).Coordinator;
        var heldElsewhere = await coordinator.TryAcquireAsync(key, CancellationToken.None);
        heldElsewhere.ShouldNotBeNull();

        var own = await new TokenProvider(key, source, cache, new TokenProviderOptions(), clock, NullLogger.Instance).GetTokenAsync(CancellationToken.None);

        own.Value.ShouldBe("token-1");
        var coordinated = new TokenProvider(key, source, new InMemoryTokenCache(clock), new TokenProviderOptions(), clock, NullLogger.Instance, coordinator)
            .GetTokenAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        coordinated.IsCompleted.ShouldBeFalse("a provider with the coordinator waits for the lease");
        await heldElsewhere!.ReleaseAsync(CancellationToken.None);
        (await coordinated).Value.ShouldBe("token-2");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private sealed class FailingCoordinator : ITokenCoordinator
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public ValueTask<ITokenLease?> TryAcquireAsync(string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            throw new InvalidOperationException("the lease store is down");
        }

        public ValueTask WaitAsync(string key, CancellationToken cancellationToken) => throw new InvalidOperationException("the lease store is down");
    }
}
