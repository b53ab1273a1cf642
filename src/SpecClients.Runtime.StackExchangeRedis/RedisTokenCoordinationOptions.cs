using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace SpecClients.Runtime.StackExchangeRedis;

/// <summary>How <see cref="RedisTokenCoordinator"/> reaches Redis and how long its leases last.</summary>
public sealed class RedisTokenCoordinationOptions
{
    /// <summary>
    /// The StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>. When neither this nor
    /// <see cref="ConnectionMultiplexerFactory"/> is set, the registration takes the Redis cache's
    /// (<c>AddStackExchangeRedisCache</c>) configuration.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Connects to Redis; takes precedence over <see cref="Configuration"/> (share a connection this way).</summary>
    public Func<Task<IConnectionMultiplexer>>? ConnectionMultiplexerFactory { get; set; }

    /// <summary>Put before every lease key and the release channel. Default: <c>SpecClients:lease:</c>.</summary>
    public string KeyPrefix { get; set; } = "SpecClients:lease:";

    /// <summary>
    /// How long a lease lasts unless its holder renews it (it does, every third of this, while its request runs): the
    /// longest others wait when the holder dies mid-request. Default: 10 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest a waiter goes without looking at the lease; a release wakes waiters at once through Redis pub/sub,
    /// this bounds the wait when a message is lost or the holder died. Default: 500 milliseconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Throws if a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration is not positive, or the lease is shorter than 3 ms.</exception>
    public void Validate()
    {
        if (LeaseDuration < TimeSpan.FromMilliseconds(3))
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, "LeaseDuration must be at least 3 milliseconds.");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PollInterval must be positive.");
        }

        if (KeyPrefix is null)
        {
            throw new ArgumentOutOfRangeException(nameof(KeyPrefix), KeyPrefix, "KeyPrefix must be set.");
        }
    }
}
