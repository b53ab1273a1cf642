using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth.Internal;

namespace SpecClients.Runtime.Auth;

/// <summary>
/// The default <see cref="ITokenCoordinator"/>: leases held in this process, one set per token cache, so that providers
/// sharing a cache (clients created with <c>new</c>, several registrations) make one token request between them.
/// A lease needs no expiry here: its holder's request is bounded by <see cref="TokenProviderOptions.TokenRequestTimeout"/>
/// and the lease is released however it ends.
/// </summary>
internal sealed class InProcessTokenCoordinator : ITokenCoordinator
{
    // Leases only matter between providers that store into the same cache; keyed weakly, so a dropped cache takes its
    // leases with it.
    private static readonly ConditionalWeakTable<ITokenCache, InProcessTokenCoordinator> s_byCache = new();

    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    /// <summary>The coordinator of the providers that share <paramref name="cache"/>.</summary>
    public static InProcessTokenCoordinator For(ITokenCache cache) =>
        s_byCache.GetValue(cache ?? throw new ArgumentNullException(nameof(cache)), static _ => new InProcessTokenCoordinator());

    public ValueTask<ITokenLease?> TryAcquireAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var lease = new Lease(this, key);
        return new ValueTask<ITokenLease?>(_leases.TryAdd(key, lease) ? lease : null);
    }

    public ValueTask WaitAsync(string key, CancellationToken cancellationToken) =>
        _leases.TryGetValue(key, out var lease)
            ? new ValueTask(lease.Released.WaitWithCancellation(cancellationToken))
            : default;

    private sealed class Lease : ITokenLease
    {
        private readonly InProcessTokenCoordinator _owner;
        private readonly string _key;
        private readonly TaskCompletionSource<bool> _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Lease(InProcessTokenCoordinator owner, string key)
        {
            _owner = owner;
            _key = key;
        }

        public Task<bool> Released => _released.Task;

        public ValueTask ReleaseAsync(CancellationToken cancellationToken)
        {
            // Removes this lease only, never one taken after it.
            ((ICollection<KeyValuePair<string, Lease>>)_owner._leases).Remove(new KeyValuePair<string, Lease>(_key, this));
            _released.TrySetResult(true);
            return default;
        }
    }
}
