using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using SpecClients.Runtime.Auth;

namespace SpecClients.Benchmarks.Runtime;

/// <summary>Obtaining a cached token (target: under 50 ns, no allocation).</summary>
[Config(typeof(Infrastructure.ShortInProcessConfig))]
public class TokenProviderBenchmarks
{
    private readonly ConcurrentDictionary<string, AccessToken> _dictionary = new(StringComparer.Ordinal);
    private TokenProvider _provider = null!;
    private InMemoryTokenCache _cache = null!;
    private string _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = TokenCacheKey.Create("BenchmarkClient", "bearer", "client-id", "client-secret");
        _cache = new InMemoryTokenCache(TimeProvider.System);
        _provider = new TokenProvider(
            _key,
            new DelegateTokenSource(static (context, _) => new ValueTask<AccessToken>(context.CreateToken("eyJhbGciOiJub25lIn0.e30.token", DateTimeOffset.UtcNow.AddHours(1)))),
            _cache,
            new TokenProviderOptions(),
            TimeProvider.System,
            NullLogger.Instance);
        var first = _provider.GetTokenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _dictionary[_key] = first;
        if (!ReferenceEquals(CachedToken(), first))
        {
            throw new InvalidOperationException("The second call did not return the cached token.");
        }
    }

    /// <summary>The floor: a lookup in a concurrent dictionary.</summary>
    [Benchmark(Baseline = true)]
    public AccessToken DictionaryLookup() => _dictionary.TryGetValue(_key, out var token) ? token : throw new InvalidOperationException();

    /// <summary>The cache alone (<see cref="InMemoryTokenCache.GetAsync"/>).</summary>
    [Benchmark]
    public AccessToken? InMemoryCacheGet() => _cache.GetAsync(_key, CancellationToken.None).Result;

    /// <summary><see cref="TokenProvider.GetTokenAsync"/> with a fresh token in the cache.</summary>
    [Benchmark]
    public AccessToken CachedToken()
    {
        var pending = _provider.GetTokenAsync(CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}
