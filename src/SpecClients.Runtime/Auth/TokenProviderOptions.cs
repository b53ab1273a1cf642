using System;
using System.Threading;

namespace SpecClients.Runtime.Auth;

/// <summary>How a <see cref="TokenProvider"/> computes expiries and when it refreshes; bindable with <c>IOptions</c>.</summary>
public sealed class TokenProviderOptions
{
    /// <summary>
    /// How long before its expiry a cached token is replaced. A token whose whole lifetime is shorter than twice this
    /// margin is replaced halfway through its lifetime instead. Default: 60 seconds.
    /// </summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The lifetime assumed when the source gives no expiry and the token is no JWT with an <c>exp</c> claim.
    /// Default: 5 minutes.
    /// </summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longer lifetimes are clamped to this (with a warning). Default: 30 days.</summary>
    public TimeSpan MaximumLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The timeout of the shared token request (callers' own cancellation does not cancel it).
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none. Default: 30 seconds.
    /// </summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long, after a failed token request, further callers for the same credentials fail fast with a copy of that
    /// failure (a <see cref="TokenAcquisitionException"/> with <see cref="TokenAcquisitionException.RetryNotBefore"/>
    /// set) instead of each waiting on a dead or refusing token endpoint. The window doubles with every further failure
    /// in a row, up to <see cref="MaximumFailureBackoff"/>, and a successful request ends it; a longer <c>Retry-After</c>
    /// of the failed response is honoured up to that maximum too.
    /// <see cref="TimeSpan.Zero"/> switches the back-off off (every caller after a failure tries again). Default: 2 seconds.
    /// </summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest back-off window after repeated failures (see <see cref="FailureBackoff"/>). Default: 30 seconds.</summary>
    public TimeSpan MaximumFailureBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws if a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, zero where that makes no sense, or infinite.</exception>
    public void Validate()
    {
        if (RefreshMargin < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RefreshMargin), RefreshMargin, "RefreshMargin must not be negative.");
        }

        if (DefaultLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultLifetime), DefaultLifetime, "DefaultLifetime must be positive.");
        }

        if (MaximumLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumLifetime), MaximumLifetime, "MaximumLifetime must be positive.");
        }

        if (TokenRequestTimeout <= TimeSpan.Zero && TokenRequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(
                nameof(TokenRequestTimeout), TokenRequestTimeout, "TokenRequestTimeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        if (FailureBackoff < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FailureBackoff), FailureBackoff, "FailureBackoff must not be negative (TimeSpan.Zero switches it off).");
        }

        if (MaximumFailureBackoff < FailureBackoff)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaximumFailureBackoff), MaximumFailureBackoff, "MaximumFailureBackoff must not be shorter than FailureBackoff.");
        }
    }
}
