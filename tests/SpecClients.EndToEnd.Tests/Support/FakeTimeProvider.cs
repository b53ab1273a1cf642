using System;
using System.Threading;

namespace SpecClients.EndToEnd.Tests.Support;

/// <summary>
/// A clock whose time is whatever the test sets: shared by the sandbox (its token expiry and Faspay timestamp window)
/// and the clients (their cache expiry), so that expiry is tested by moving the clock, never by sleeping. Timers are
/// the base class's real ones (only the token request timeout uses one).
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    /// <summary>2030-01-01: in the real future, so a distributed cache accepts the absolute expiries computed from it.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private long _utcTicks;

    /// <summary>Creates the clock at <see cref="DefaultStart"/>.</summary>
    public FakeTimeProvider()
        : this(DefaultStart)
    {
    }

    /// <summary>Creates the clock at <paramref name="start"/>.</summary>
    /// <param name="start">The first time the clock tells.</param>
    public FakeTimeProvider(DateTimeOffset start) => UtcNow = start;

    /// <summary>The time the clock tells; set it to move the clock.</summary>
    public DateTimeOffset UtcNow
    {
        get => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _utcTicks, value.UtcTicks);
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => UtcNow;

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        }

        Interlocked.Add(ref _utcTicks, by.Ticks);
    }
}
