using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// What every generated client's token providers share: the token cache, the clock and logging. Registered clients
/// take them from dependency injection; clients created with <c>new</c> use <see cref="Shared"/>, whose in-memory
/// cache lets instances with the same credentials share one token.
/// </summary>
public sealed class AuthServices
{
    private static readonly Lazy<AuthServices> s_shared = new(() => new AuthServices(new InMemoryTokenCache(), TimeProvider.System, NullLoggerFactory.Instance));

    /// <summary>Creates the services.</summary>
    /// <param name="cache">Where tokens are kept.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">Logging; nothing is logged if null.</param>
    public AuthServices(ITokenCache cache, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        Cache = cache ?? throw new ArgumentNullException(nameof(cache));
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Coordinator = InProcessTokenCoordinator.For(cache);
    }

    private AuthServices(AuthServices services, ITokenCoordinator coordinator)
    {
        Cache = services.Cache;
        TimeProvider = services.TimeProvider;
        LoggerFactory = services.LoggerFactory;
        Coordinator = coordinator;
    }

    /// <summary>The process-wide default: an in-memory cache, the system clock, no logging.</summary>
    public static AuthServices Shared => s_shared.Value;

    /// <summary>Where tokens are kept.</summary>
    public ITokenCache Cache { get; }

    /// <summary>The clock every expiry is read from.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Creates loggers for token providers.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>
    /// Decides which provider requests a token when several that share <see cref="Cache"/> miss it at once. By default
    /// the providers of this process that share the cache; register an <see cref="ITokenCoordinator"/> (for example the
    /// Redis one of SpecClients.StackExchangeRedis) to extend that to every process that shares a distributed cache.
    /// </summary>
    public ITokenCoordinator Coordinator { get; }

    /// <summary>These services with another <see cref="Coordinator"/>.</summary>
    /// <param name="coordinator">The coordinator.</param>
    /// <returns>A copy that uses <paramref name="coordinator"/>.</returns>
    public AuthServices WithCoordinator(ITokenCoordinator coordinator) =>
        new(this, coordinator ?? throw new ArgumentNullException(nameof(coordinator)));

    /// <summary>Takes the cache, clock, logger factory and coordinator registered in <paramref name="services"/>, with defaults for those missing.</summary>
    /// <param name="services">The service provider.</param>
    /// <returns>The services.</returns>
    public static AuthServices From(IServiceProvider services)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var authServices = new AuthServices(
            services.GetService<ITokenCache>() ?? Shared.Cache,
            clock,
            services.GetService<ILoggerFactory>());
        return services.GetService<ITokenCoordinator>() is { } coordinator ? authServices.WithCoordinator(coordinator) : authServices;
    }

    /// <summary>A token provider with this cache, clock and a logger named after the API.</summary>
    /// <param name="apiName">The API name, for the logger category.</param>
    /// <param name="schemeName">The scheme, part of the cache key.</param>
    /// <param name="source">Where tokens come from.</param>
    /// <param name="options">Expiry and refresh settings.</param>
    /// <param name="credentialParts">Values that identify the credentials (hashed into the cache key, never stored).</param>
    /// <returns>The provider.</returns>
    public TokenProvider CreateProvider(string apiName, string schemeName, ITokenSource source, TokenProviderOptions options, params string?[] credentialParts) =>
        new(
            TokenCacheKey.Create(apiName, schemeName, credentialParts),
            source,
            Cache,
            options,
            TimeProvider,
            LoggerFactory.CreateLogger("SpecClients.Auth." + apiName),
            Coordinator)
        {
            ApiName = apiName,
            SchemeName = schemeName,
        };

    /// <summary>A token provider with this cache, clock and a logger named after the API.</summary>
    /// <param name="apiName">The API name, for the logger category.</param>
    /// <param name="schemeName">The scheme, part of the cache key.</param>
    /// <param name="source">Where tokens come from.</param>
    /// <param name="options">Expiry and refresh settings.</param>
    /// <param name="identity">What identifies the credentials (hashed into the cache key, never stored).</param>
    /// <returns>The provider.</returns>
    public TokenProvider CreateProvider(string apiName, string schemeName, ITokenSource source, TokenProviderOptions options, TokenCredentialIdentity identity) =>
        CreateProvider(apiName, schemeName, source, options, (identity ?? throw new ArgumentNullException(nameof(identity))).ToParts());
}
