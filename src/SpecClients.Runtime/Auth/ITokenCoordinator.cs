using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// Lets the token providers that share one token cache, in one process or in many, agree on which of them requests the
/// next token, so that any number of callers that miss the cache at the same moment make one token request between them.
/// </summary>
/// <remarks>
/// <para>On a cache miss a <see cref="TokenProvider"/> calls <see cref="TryAcquireAsync"/>. With the lease it reads the
/// cache again (another holder may have just stored a token), requests a token if there is still none, stores it and
/// releases the lease. Without the lease it calls <see cref="WaitAsync"/> and then reads the cache, trying again for the
/// lease if the token is still missing (the holder failed or died).</para>
/// <para>A lease in a shared store must end on its own after a bounded time unless its holder renews it, so that a
/// process that dies mid-request stalls the others for that bound only. Keys are the token cache keys
/// (<see cref="TokenCacheKey.Create"/>: hashes, no secrets). A coordinator that fails (its store is down) makes the
/// provider request its token uncoordinated, as it would without one.</para>
/// </remarks>
public interface ITokenCoordinator
{
    /// <summary>Takes the lease on <paramref name="key"/> if no one holds it.</summary>
    /// <param name="key">The token cache key.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The lease, or <see langword="null"/> if another provider holds it.</returns>
    ValueTask<ITokenLease?> TryAcquireAsync(string key, CancellationToken cancellationToken);

    /// <summary>Waits until the lease on <paramref name="key"/> is released or has expired (at once if no one holds it).</summary>
    /// <param name="key">The token cache key.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when the lease is free.</returns>
    ValueTask WaitAsync(string key, CancellationToken cancellationToken);
}

/// <summary>A lease taken with <see cref="ITokenCoordinator.TryAcquireAsync"/>: its holder requests the token.</summary>
public interface ITokenLease
{
    /// <summary>Gives the lease up (after the token is stored) and wakes those waiting for it. Releasing twice does nothing.</summary>
    /// <param name="cancellationToken">Cancels the release; the lease then ends when it expires.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    ValueTask ReleaseAsync(CancellationToken cancellationToken);
}
