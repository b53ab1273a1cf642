using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth;
using StackExchange.Redis;

namespace SpecClients.Runtime.StackExchangeRedis;

/// <summary>
/// An <see cref="ITokenCoordinator"/> over Redis, so that the processes sharing a token cache make one token request
/// between them. A lease is a key set with <c>SET key owner NX PX lease</c>; its holder renews it while its request runs
/// and deletes it (only if still its own) when the token is stored, publishing the release so waiters read the cache at
/// once. A holder that dies stops renewing: its lease expires after <see cref="RedisTokenCoordinationOptions.LeaseDuration"/>
/// and a waiter takes over.
/// </summary>
public sealed class RedisTokenCoordinator : ITokenCoordinator
{
    // Renews a lease only if it is still the caller's: a lease that expired and was taken by another stays theirs.
    private const string RenewScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    // Deletes a lease only if it is still the caller's, and tells the waiters.
    private const string ReleaseScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]); redis.call('publish', ARGV[2], KEYS[1]); return 1 else return 0 end";

    private readonly Func<Task<IConnectionMultiplexer>> _connect;
    private readonly TimeProvider _clock;
    private readonly string _keyPrefix;
    private readonly RedisChannel _releases;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeSpan _pollInterval;

    // One signal per lease key being waited for, completed by the release message; a fresh one is made after each.
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _released = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribeLock = new(1, 1);
    private volatile bool _subscribed;

    /// <summary>Creates a coordinator over a connection.</summary>
    /// <param name="connection">The Redis connection.</param>
    /// <param name="options">Key prefix and lease timing (copied: later changes have no effect).</param>
    /// <param name="timeProvider">The clock for renewals and polling.</param>
    public RedisTokenCoordinator(IConnectionMultiplexer connection, RedisTokenCoordinationOptions options, TimeProvider timeProvider)
        : this(Connected(connection ?? throw new ArgumentNullException(nameof(connection))), options, timeProvider)
    {
    }

    internal RedisTokenCoordinator(Func<Task<IConnectionMultiplexer>> connect, RedisTokenCoordinationOptions options, TimeProvider timeProvider)
    {
        _connect = connect ?? throw new ArgumentNullException(nameof(connect));
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        _clock = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _keyPrefix = options.KeyPrefix;
        _releases = RedisChannel.Literal(options.KeyPrefix + "released");
        _leaseDuration = options.LeaseDuration;
        _pollInterval = options.PollInterval;
    }

    /// <inheritdoc />
    public async ValueTask<ITokenLease?> TryAcquireAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var leaseKey = LeaseKey(key);
        var database = (await _connect().ConfigureAwait(false)).GetDatabase();
        var owner = Guid.NewGuid().ToString("N");
        if (!await database.StringSetAsync(leaseKey, owner, _leaseDuration, When.NotExists).ConfigureAwait(false))
        {
            return null;
        }

        return new Lease(this, database, leaseKey, owner);
    }

    /// <inheritdoc />
    public async ValueTask WaitAsync(string key, CancellationToken cancellationToken)
    {
        var leaseKey = LeaseKey(key);
        var connection = await _connect().ConfigureAwait(false);
        await SubscribeAsync(connection).ConfigureAwait(false);
        var database = connection.GetDatabase();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Registered before the lease is looked at, so a release in between is not missed.
            var released = _released.GetOrAdd(leaseKey, static _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
            var remaining = await database.KeyTimeToLiveAsync(leaseKey).ConfigureAwait(false);
            if (remaining is null)
            {
                return; // released, or expired with its holder
            }

            var delay = remaining.Value < _pollInterval ? remaining.Value : _pollInterval;
            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delayed = Delay(delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay, stopDelay.Token);
            await Task.WhenAny(released.Task, delayed).ConfigureAwait(false);
            stopDelay.Cancel();
        }
    }

    private static Func<Task<IConnectionMultiplexer>> Connected(IConnectionMultiplexer connection)
    {
        var connected = Task.FromResult(connection);
        return () => connected;
    }

    private string LeaseKey(string key) => _keyPrefix + (key ?? throw new ArgumentNullException(nameof(key)));

    private async Task SubscribeAsync(IConnectionMultiplexer connection)
    {
        if (_subscribed)
        {
            return;
        }

        await _subscribeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_subscribed)
            {
                await connection.GetSubscriber().SubscribeAsync(_releases, (_, message) =>
                {
                    if (_released.TryRemove(message.ToString(), out var released))
                    {
                        released.TrySetResult(true);
                    }
                }).ConfigureAwait(false);
                _subscribed = true;
            }
        }
        finally
        {
            _subscribeLock.Release();
        }
    }

    private Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
#if NET
        Task.Delay(delay, _clock, cancellationToken);
#else
        _clock.Delay(delay, cancellationToken);
#endif

    private sealed class Lease : ITokenLease
    {
        private readonly RedisTokenCoordinator _owner;
        private readonly IDatabase _database;
        private readonly RedisKey _key;
        private readonly string _id;
        private readonly CancellationTokenSource _stopRenewing = new();
        private readonly Task _renewing;
        private int _released;

        public Lease(RedisTokenCoordinator owner, IDatabase database, RedisKey key, string id)
        {
            _owner = owner;
            _database = database;
            _key = key;
            _id = id;
            _renewing = Task.Run(RenewAsync);
        }

        public async ValueTask ReleaseAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            _stopRenewing.Cancel();
            await _renewing.ConfigureAwait(false);
            _stopRenewing.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            await _database.ScriptEvaluateAsync(ReleaseScript, [_key], [_id, _owner._releases.ToString()]).ConfigureAwait(false);
        }

        // Keeps the lease while this process is alive and its request runs; stops when the lease is no longer its own.
        private async Task RenewAsync()
        {
            var every = TimeSpan.FromTicks(_owner._leaseDuration.Ticks / 3);
            var milliseconds = (long)_owner._leaseDuration.TotalMilliseconds;
            try
            {
                while (true)
                {
                    await _owner.Delay(every, _stopRenewing.Token).ConfigureAwait(false);
                    try
                    {
                        var renewed = (long)await _database.ScriptEvaluateAsync(RenewScript, [_key], [_id, milliseconds]).ConfigureAwait(false);
                        if (renewed == 0)
                        {
                            return;
                        }
                    }
                    catch (RedisException)
                    {
                        // Tried again at the next renewal; if Redis stays away the lease expires, as it should.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Released.
            }
        }
    }
}
