using System;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.StackExchangeRedis.Tests.Support;
using StackExchange.Redis;
using Xunit;

namespace SpecClients.Runtime.StackExchangeRedis.Tests;

/// <summary>The Redis lease itself, between two coordinators with connections of their own (as two processes have).</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisTokenCoordinatorTests(RedisFixture redis)
{
    [Fact]
    public async Task OnlyOneCoordinatorHoldsTheLeaseUntilItIsReleased()
    {
        await using var first = await ConnectAsync();
        await using var second = await ConnectAsync();
        var prefix = Prefix();
        var a = Coordinator(first, prefix);
        var b = Coordinator(second, prefix);

        var lease = (await a.TryAcquireAsync("key", CancellationToken.None)).ShouldNotBeNull();
        (await b.TryAcquireAsync("key", CancellationToken.None)).ShouldBeNull();
        (await b.TryAcquireAsync("other-key", CancellationToken.None)).ShouldNotBeNull();

        await lease.ReleaseAsync(CancellationToken.None);
        (await b.TryAcquireAsync("key", CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task AWaiterWakesWhenTheLeaseIsReleased()
    {
        await using var first = await ConnectAsync();
        await using var second = await ConnectAsync();
        var prefix = Prefix();
        var lease = (await Coordinator(first, prefix).TryAcquireAsync("key", CancellationToken.None)).ShouldNotBeNull();

        var waiting = Coordinator(second, prefix).WaitAsync("key", CancellationToken.None).AsTask();
        await Task.Delay(100);
        waiting.IsCompleted.ShouldBeFalse("the lease is held");
        await lease.ReleaseAsync(CancellationToken.None);

        await waiting.WaitAsync(TimeSpan.FromMinutes(1));
        (await redis.Server.CommandAsync("EXISTS", prefix + "key")).ShouldStartWith(":0");
    }

    [Fact]
    public async Task ALeaseOutlivesItsDurationWhileItsHolderRenewsIt()
    {
        await using var connection = await ConnectAsync();
        var prefix = Prefix();
        var coordinator = new RedisTokenCoordinator(connection, new RedisTokenCoordinationOptions { KeyPrefix = prefix, LeaseDuration = TimeSpan.FromSeconds(3) }, TimeProvider.System);
        var lease = (await coordinator.TryAcquireAsync("key", CancellationToken.None)).ShouldNotBeNull();

        // Over two lease durations: without renewal the lease would have expired twice. Renewed every second, it has two
        // seconds of slack per renewal, which a loaded CI machine needs (with a 1 s lease a late renewal lost it).
        await Task.Delay(TimeSpan.FromSeconds(7));

        (await coordinator.TryAcquireAsync("key", CancellationToken.None)).ShouldBeNull("a live holder keeps its lease");
        await lease.ReleaseAsync(CancellationToken.None);
        (await coordinator.TryAcquireAsync("key", CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task ReleasingAnExpiredLeaseLeavesTheNextHoldersLeaseAlone()
    {
        await using var connection = await ConnectAsync();
        var prefix = Prefix();
        var coordinator = Coordinator(connection, prefix);
        var stale = (await coordinator.TryAcquireAsync("key", CancellationToken.None)).ShouldNotBeNull();

        // The lease expires under its holder (as when it stalled) and another takes it.
        await redis.Server.CommandAsync("DEL", prefix + "key");
        var current = (await coordinator.TryAcquireAsync("key", CancellationToken.None)).ShouldNotBeNull();
        await stale.ReleaseAsync(CancellationToken.None);

        (await coordinator.TryAcquireAsync("key", CancellationToken.None)).ShouldBeNull("the current holder still has it");
        await current.ReleaseAsync(CancellationToken.None);
    }

    private static string Prefix() => "test:" + Guid.NewGuid().ToString("N") + ":lease:";

    private static RedisTokenCoordinator Coordinator(IConnectionMultiplexer connection, string prefix) =>
        new(connection, new RedisTokenCoordinationOptions { KeyPrefix = prefix }, TimeProvider.System);

    private async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
}
