using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// Where tokens are kept between requests. Keys come from <see cref="TokenCacheKey.Create"/>, so no secret is a key.
/// </summary>
/// <remarks>
/// Implementations may drop entries at their <see cref="AccessToken.ExpiresAt"/>; deciding when a token is due for
/// refresh is the <see cref="TokenProvider"/>'s job.
/// </remarks>
public interface ITokenCache
{
    /// <summary>Reads a token.</summary>
    /// <param name="key">The cache key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The token, or <see langword="null"/> if there is none (or it has expired).</returns>
    ValueTask<AccessToken?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a token, replacing any other under the same key.</summary>
    /// <param name="key">The cache key.</param>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the token is stored.</returns>
    ValueTask SetAsync(string key, AccessToken token, CancellationToken cancellationToken);

    /// <summary>Removes a token.</summary>
    /// <param name="key">The cache key.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>A task that completes when the token is removed.</returns>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);
}
