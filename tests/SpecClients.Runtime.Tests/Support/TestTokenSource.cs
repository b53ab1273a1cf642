using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth;

namespace SpecClients.Runtime.Tests.Support;

/// <summary>A token source that records every call and answers through a delegate (by default: "token-N", 1 hour).</summary>
internal sealed class TestTokenSource : ITokenSource
{
    private readonly Func<TokenRequestContext, int, CancellationToken, ValueTask<AccessToken>> _issue;
    private readonly ConcurrentQueue<string?> _refreshTokensSeen = new();
    private readonly ConcurrentQueue<CancellationToken> _tokensSeen = new();
    private int _calls;

    public TestTokenSource(Func<TokenRequestContext, int, CancellationToken, ValueTask<AccessToken>>? issue = null) =>
        _issue = issue ?? ((context, call, _) => new ValueTask<AccessToken>(
            context.CreateToken("token-" + call, context.Clock.GetUtcNow().AddHours(1))));

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The refresh token each call received, in call order.</summary>
    public IReadOnlyList<string?> RefreshTokensSeen => _refreshTokensSeen.ToArray();

    public IReadOnlyList<CancellationToken> CancellationTokensSeen => _tokensSeen.ToArray();

    public ValueTask<AccessToken> RequestTokenAsync(TokenRequestContext context, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        _refreshTokensSeen.Enqueue(context.RefreshToken);
        _tokensSeen.Enqueue(cancellationToken);
        return _issue(context, call, cancellationToken);
    }
}

/// <summary>An <see cref="ITokenCache"/> wrapper that counts reads.</summary>
internal sealed class CountingTokenCache : ITokenCache
{
    private readonly ITokenCache _inner;
    private int _reads;

    public CountingTokenCache(ITokenCache inner) => _inner = inner;

    public int Reads => Volatile.Read(ref _reads);

    public ValueTask<AccessToken?> GetAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return _inner.GetAsync(key, cancellationToken);
    }

    public ValueTask SetAsync(string key, AccessToken token, CancellationToken cancellationToken) => _inner.SetAsync(key, token, cancellationToken);

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken) => _inner.RemoveAsync(key, cancellationToken);
}

/// <summary>A cache that always throws, to show the provider carries on without it.</summary>
internal sealed class FailingTokenCache : ITokenCache
{
    public ValueTask<AccessToken?> GetAsync(string key, CancellationToken cancellationToken) => throw new InvalidOperationException("cache down");

    public ValueTask SetAsync(string key, AccessToken token, CancellationToken cancellationToken) => throw new InvalidOperationException("cache down");

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken) => throw new InvalidOperationException("cache down");
}

internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until true; fails after 10 s (a hang, not a timing assertion).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Gave up waiting until " + what);
            }

            await Task.Delay(1);
        }
    }
}

internal static class Bounded
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Turns a hang into a <see cref="TestHangException"/> after 10 s (a broken test, not a timing assertion).</summary>
    public static async Task<T> Within10s<T>(this Task<T> task)
    {
        try
        {
            return await task.WaitAsync(Limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TestHangException();
        }
    }

    /// <inheritdoc cref="Within10s{T}(Task{T})"/>
    public static async Task Within10s(this Task task)
    {
        try
        {
            await task.WaitAsync(Limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TestHangException();
        }
    }
}

/// <summary>A task the test awaited did not complete: the behaviour under test hangs.</summary>
internal sealed class TestHangException : Exception
{
    public TestHangException()
        : base("The awaited task did not complete within 10 s.")
    {
    }
}
