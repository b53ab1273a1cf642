using System;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// Registers the <see cref="ITokenCache"/> that the generated <c>Add{Client}()</c> registrations use, in place of their
/// in-memory default (whichever is called first).
/// </summary>
public static class TokenCacheServiceCollectionExtensions
{
    /// <summary>
    /// Keeps tokens in the registered <see cref="IDistributedCache"/> (<see cref="DistributedTokenCache"/>), so processes
    /// with the same credentials share them. Entries are encrypted when an <see cref="IDataProtectionProvider"/> is
    /// registered (see <see cref="TokenCacheOptions.UseRegisteredDataProtection"/>), plain JSON otherwise.
    /// </summary>
    /// <param name="services">The service collection, with an <see cref="IDistributedCache"/> registered.</param>
    /// <param name="configure">Changes the options (key prefix, protector).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSpecClientsDistributedTokenCache(this IServiceCollection services, Action<TokenCacheOptions>? configure = null) =>
        Replace(services, configure, static (provider, options) =>
            new DistributedTokenCache(provider.GetRequiredService<IDistributedCache>(), options));

    /// <summary>
    /// Keeps tokens in the registered <see cref="HybridCache"/> (<see cref="HybridTokenCache"/>): in memory, and in its
    /// distributed cache when it has one. Entries are encrypted as with <see cref="AddSpecClientsDistributedTokenCache"/>.
    /// </summary>
    /// <param name="services">The service collection, with a <see cref="HybridCache"/> registered (<c>AddHybridCache()</c>).</param>
    /// <param name="configure">Changes the options (key prefix, protector).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSpecClientsHybridTokenCache(this IServiceCollection services, Action<TokenCacheOptions>? configure = null) =>
        Replace(services, configure, static (provider, options) =>
            new HybridTokenCache(provider.GetRequiredService<HybridCache>(), options));

    private static IServiceCollection Replace(
        IServiceCollection services,
        Action<TokenCacheOptions>? configure,
        Func<IServiceProvider, TokenCacheOptions, ITokenCache> create)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        services.RemoveAll<ITokenCache>();
        services.AddSingleton(provider =>
        {
            var options = new TokenCacheOptions { TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System };
            configure?.Invoke(options);
            if (options.Protector is null && options.UseRegisteredDataProtection
                && provider.GetService<IDataProtectionProvider>() is { } protection)
            {
                options.Protector = protection.CreateProtector(TokenCacheOptions.DataProtectionPurpose);
            }

            return create(provider, options);
        });
        return services;
    }
}
