using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpecClients.Runtime.Auth;

namespace SpecClients.Runtime.Tests.Support;

internal static class Providers
{
    public static readonly string Key = TokenCacheKey.Create("TestClient", "oauth", "client-1");

    public static TokenProvider Create(
        ITokenSource source,
        FakeTimeProvider clock,
        ITokenCache? cache = null,
        TokenProviderOptions? options = null,
        ILogger? logger = null,
        string? key = null) =>
        new(key ?? Key, source, cache ?? new InMemoryTokenCache(clock), options ?? new TokenProviderOptions(), clock, logger ?? NullLogger.Instance);
}
