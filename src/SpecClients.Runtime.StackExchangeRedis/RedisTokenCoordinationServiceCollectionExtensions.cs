using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpecClients.Runtime.Auth;
using StackExchange.Redis;

namespace SpecClients.Runtime.StackExchangeRedis;

/// <summary>Registers Redis token coordination for the generated clients (<see cref="AuthServices.From"/> picks it up).</summary>
public static class RedisTokenCoordinationServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="RedisTokenCoordinator"/> as the <see cref="ITokenCoordinator"/>: processes that share a
    /// token cache (e.g. <c>AddStackExchangeRedisCache</c> with <c>AddSpecClientsDistributedTokenCache</c>) then make one
    /// token request between them when the token is missing or due.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the connection (or leave it to the registered Redis cache's) and the lease timing.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSpecClientsRedisTokenCoordination(this IServiceCollection services, Action<RedisTokenCoordinationOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        services.RemoveAll<ITokenCoordinator>();
        services.AddSingleton<ITokenCoordinator>(provider =>
        {
            var options = new RedisTokenCoordinationOptions();
            configure?.Invoke(options);
            options.Validate();
            return new RedisTokenCoordinator(Connection(provider, options), options, provider.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        return services;
    }

    private static Func<Task<IConnectionMultiplexer>> Connection(IServiceProvider provider, RedisTokenCoordinationOptions options)
    {
        if (options.ConnectionMultiplexerFactory is { } factory)
        {
            return factory;
        }

        var cacheOptions = provider.GetService<IOptions<RedisCacheOptions>>()?.Value;
        if (options.Configuration is null && cacheOptions?.ConnectionMultiplexerFactory is { } cacheFactory)
        {
            return cacheFactory;
        }

        var configuration = options.Configuration ?? cacheOptions?.ConfigurationOptions?.ToString() ?? cacheOptions?.Configuration
            ?? throw new InvalidOperationException(
                "Redis token coordination needs a connection: set Configuration or ConnectionMultiplexerFactory, or register the Redis cache (AddStackExchangeRedisCache) first.");

        // One connection for the container's lifetime, made on first use.
        var connection = new Lazy<Task<IConnectionMultiplexer>>(async () => await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false));
        return () => connection.Value;
    }
}
