using System.Threading.Tasks;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.StackExchangeRedis.Tests.Support;

/// <summary>One redis-server for the tests of this assembly (installed if missing), stopped at the end.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server!;

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Redis";
}
