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

public sealed class TokenProviderConcurrencyTests
{
    private const int Callers = 200;

    private readonly FakeTimeProvider _clock = TestClock.Create();

    [Fact]
    public async Task TwoHundredConcurrentCallersOnAColdCacheCauseOneSourceCall()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new TestTokenSource(async (c, n, _) =>
        {
            await release.Task;
            return c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1));
        });
        var cache = new CountingTokenCache(new InMemoryTokenCache(_clock));
        var provider = Providers.Create(source, _clock, cache);

        var callers = Enumerable.Range(0, Callers)
            .Select(_ => Task.Run(async () => await provider.GetTokenAsync(CancellationToken.None)))
            .ToArray();
        await Wait.UntilAsync(() => cache.Reads >= Callers, "every caller has read the cache");
        release.SetResult();
        var tokens = await Task.WhenAll(callers).Within10s();

        source.Calls.ShouldBe(1);
        tokens.ShouldAllBe(t => t.Value == "token-1");
    }

    [Fact]
    public async Task TwoHundredConcurrentCallersOnAnExpiredTokenCauseOneRefresh()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new TestTokenSource(async (c, n, _) =>
        {
            if (n > 1)
            {
                await release.Task;
            }

            return c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1), "rt-" + n);
        });
        var cache = new CountingTokenCache(new InMemoryTokenCache(_clock));
        var provider = Providers.Create(source, _clock, cache);
        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(59.5));
        var readsBefore = cache.Reads;

        var callers = Enumerable.Range(0, Callers)
            .Select(_ => Task.Run(async () => await provider.GetTokenAsync(CancellationToken.None)))
            .ToArray();
        await Wait.UntilAsync(() => cache.Reads - readsBefore >= Callers, "every caller has read the cache");
        release.SetResult();
        var tokens = await Task.WhenAll(callers).Within10s();

        source.Calls.ShouldBe(2);
        source.RefreshTokensSeen.ShouldBe(new string?[] { null, "rt-1" });
        tokens.ShouldAllBe(t => t.Value == "token-2");
    }

    [Fact]
    public async Task CallerWhoseCacheMissRacesACompletingRequestReusesItsToken()
    {
        // The late caller reads the (empty) cache first, then stalls until another caller's request has completed.
        var source = new TestTokenSource();
        var cache = new StallingFirstReadCache(new InMemoryTokenCache(_clock));
        var provider = Providers.Create(source, _clock, cache);

        var late = Task.Run(async () => await provider.GetTokenAsync(CancellationToken.None));
        await cache.FirstReadStalled.Task;
        var early = await provider.GetTokenAsync(CancellationToken.None);
        cache.ReleaseFirstRead.SetResult();

        (await late.Within10s()).ShouldBeSameAs(early);
        source.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task CancelledCallerStopsWaitingWithoutCancellingTheSharedRequest()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new TestTokenSource(async (c, n, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1));
        });
        var provider = Providers.Create(source, _clock);
        using var firstCallerCancellation = new CancellationTokenSource();

        // The first caller starts the shared request, then gives up.
        var first = provider.GetTokenAsync(firstCallerCancellation.Token).AsTask();
        await Wait.UntilAsync(() => source.Calls == 1, "the shared request has started");
        var second = provider.GetTokenAsync(CancellationToken.None).AsTask();
        firstCallerCancellation.Cancel();

        await Should.ThrowAsync<OperationCanceledException>(first.Within10s());
        second.IsCompleted.ShouldBeFalse();
        source.CancellationTokensSeen.Single().IsCancellationRequested.ShouldBeFalse();

        release.SetResult();
        (await second.Within10s()).Value.ShouldBe("token-1");
        source.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task SharedRequestRunsWithItsOwnTimeout()
    {
        var source = new TestTokenSource(async (c, n, ct) =>
        {
            if (n == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1));
        });
        var options = new TokenProviderOptions { TokenRequestTimeout = TimeSpan.FromSeconds(10) };
        var provider = Providers.Create(source, _clock, options: options);

        var waiting = provider.GetTokenAsync(CancellationToken.None).AsTask();
        await Wait.UntilAsync(() => source.Calls == 1, "the shared request has started");
        _clock.Advance(TimeSpan.FromSeconds(9));
        source.CancellationTokensSeen.Single().IsCancellationRequested.ShouldBeFalse();
        _clock.Advance(TimeSpan.FromSeconds(1));

        (await Should.ThrowAsync<TokenAcquisitionException>(waiting.Within10s())).InnerException.ShouldBeOfType<TimeoutException>();
        _clock.Advance(options.FailureBackoff);
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
    }

    [Fact]
    public async Task FailedRequestIsNotCachedAndTheFirstCallerAfterTheBackoffTriesAgain()
    {
        var source = new TestTokenSource((c, n, _) => n == 1
            ? throw new InvalidOperationException("token endpoint returned 503")
            : new ValueTask<AccessToken>(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1))));
        var provider = Providers.Create(source, _clock);

        await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));
        _clock.Advance(new TokenProviderOptions().FailureBackoff);
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task WithTheBackoffSwitchedOffTheNextCallerTriesAgainAtOnce()
    {
        var source = new TestTokenSource((c, n, _) => n == 1
            ? throw new InvalidOperationException("token endpoint returned 503")
            : new ValueTask<AccessToken>(c.CreateToken("token-" + n, c.Clock.GetUtcNow().AddHours(1))));
        var provider = Providers.Create(source, _clock, options: new TokenProviderOptions { FailureBackoff = TimeSpan.Zero });

        await Should.ThrowAsync<TokenAcquisitionException>(async () => await provider.GetTokenAsync(CancellationToken.None));
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-2");
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task ConcurrentCallersShareAFailedRequestInsteadOfEachCallingTheSource()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new TestTokenSource(async (_, _, _) =>
        {
            await release.Task;
            throw new InvalidOperationException("token endpoint returned 503");
        });
        var cache = new CountingTokenCache(new InMemoryTokenCache(_clock));
        var provider = Providers.Create(source, _clock, cache);

        var callers = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(async () => await provider.GetTokenAsync(CancellationToken.None)))
            .ToArray();
        await Wait.UntilAsync(() => cache.Reads >= 20 && source.Calls == 1, "every caller has read the cache");
        await Task.Delay(20); // let the callers reach the shared request; a late one would start a second call
        release.SetResult();

        foreach (var caller in callers)
        {
            await Should.ThrowAsync<TokenAcquisitionException>(caller.Within10s());
        }

        source.Calls.ShouldBe(1, "a caller too late for the shared request fails fast within the back-off");
    }

    [Fact]
    public async Task FailingCacheDoesNotStopTokensFromBeingIssuedOrShared()
    {
        var source = new TestTokenSource();
        var provider = Providers.Create(source, _clock, new FailingTokenCache());

        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-1");
        (await provider.GetTokenAsync(CancellationToken.None)).Value.ShouldBe("token-1");
        source.Calls.ShouldBe(1);
    }

    /// <summary>The first read takes its answer, then waits to be released; later reads are answered at once.</summary>
    private sealed class StallingFirstReadCache : ITokenCache
    {
        private readonly ITokenCache _inner;
        private int _reads;

        public StallingFirstReadCache(ITokenCache inner) => _inner = inner;

        public TaskCompletionSource FirstReadStalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseFirstRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<AccessToken?> GetAsync(string key, CancellationToken cancellationToken)
        {
            var answer = await _inner.GetAsync(key, cancellationToken);
            if (Interlocked.Increment(ref _reads) == 1)
            {
                FirstReadStalled.SetResult();
                await ReleaseFirstRead.Task;
            }

            return answer;
        }

        public ValueTask SetAsync(string key, AccessToken token, CancellationToken cancellationToken) => _inner.SetAsync(key, token, cancellationToken);

        public ValueTask RemoveAsync(string key, CancellationToken cancellationToken) => _inner.RemoveAsync(key, cancellationToken);
    }
}
