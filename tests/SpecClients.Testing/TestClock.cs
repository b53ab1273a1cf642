using System;
using Microsoft.Extensions.Time.Testing;

namespace SpecClients.Testing;

/// <summary>Where the tests' fake clocks start.</summary>
public static class TestClock
{
    /// <summary>
    /// 2030-01-01 00:00 UTC: in the real future, so a cache that checks absolute expiries on the real clock
    /// (MemoryDistributedCache) keeps entries whose expiry was computed from a fake clock.
    /// </summary>
    public static DateTimeOffset Start { get; } = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A <see cref="FakeTimeProvider"/> at <see cref="Start"/>: it moves, and fires its timers, only when told to.</summary>
    public static FakeTimeProvider Create() => new(Start);
}
