using System;
using System.Net.Http;

namespace SpecClients.Runtime.Http;

/// <summary>
/// When <see cref="ApiClientCore"/> repeats a request by itself: only after <c>429 Too Many Requests</c> or
/// <c>503 Service Unavailable</c> (answers that say "not now" rather than "no"), only a bounded number of times, only
/// for requests that are safe to send twice, and only when the wait the server asks for is short.
/// </summary>
/// <remarks>
/// <para>Safe to send twice: requests with an idempotent method (GET, HEAD, OPTIONS, TRACE, PUT, DELETE; RFC 9110
/// §9.2.2), and credential requests — token requests that a client sends while authenticating another request, whatever
/// their method, since asking for a token twice is harmless. POST and PATCH calls of your own are never repeated: the
/// first may have taken effect. A 401 is handled apart from this policy (one retry with a refreshed token).</para>
/// <para>The wait is the response's <c>Retry-After</c> (seconds or an HTTP date), else <see cref="DefaultDelay"/>. A
/// <c>Retry-After</c> longer than <see cref="MaxDelay"/> is honoured by not retrying: the call fails at once with an
/// <see cref="ApiException"/> whose <see cref="ApiException.RetryAfter"/> says how long the server asked to wait.</para>
/// <para>The wait is timed by the client's <see cref="TimeProvider"/> (the one registered with dependency injection, or
/// the auth services' clock), so a fake clock in tests decides when the retry goes out.</para>
/// <para>Generated clients take the policy from their options' <c>Retry</c> property (null: <see cref="Default"/>;
/// bindable from configuration as <c>"Retry": { "MaxRetries": 0 }</c>). When you add a resilience handler to the
/// client's <c>IHttpClientBuilder</c> (for example <c>AddStandardResilienceHandler()</c>), set it to <see cref="None"/>:
/// the handler then decides alone how often a request and a token request are sent, and the two do not multiply.
/// SpecClients does not switch its retry off by itself, because it cannot tell whether a handler retries at all (a
/// resilience pipeline may hold only a timeout or a circuit breaker).</para>
/// </remarks>
public sealed class ApiRetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxRetries">How many times a request is repeated at most; 0 disables retries.</param>
    /// <param name="defaultDelay">The wait when the response has no <c>Retry-After</c>.</param>
    /// <param name="maxDelay">The longest <c>Retry-After</c> waited for; a longer one is not retried.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    public ApiRetryPolicy(int maxRetries = 1, TimeSpan? defaultDelay = null, TimeSpan? maxDelay = null)
    {
        if (maxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, "maxRetries must not be negative.");
        }

        DefaultDelay = defaultDelay ?? TimeSpan.FromSeconds(1);
        MaxDelay = maxDelay ?? TimeSpan.FromSeconds(10);
        if (DefaultDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultDelay), "Delays must not be negative.");
        }

        MaxRetries = maxRetries;
    }

    /// <summary>One retry, after <c>Retry-After</c> up to 10 seconds, else after 1 second.</summary>
    public static ApiRetryPolicy Default { get; } = new();

    /// <summary>No retries (beyond the one after a 401 with a refreshed token).</summary>
    public static ApiRetryPolicy None { get; } = new(maxRetries: 0);

    /// <summary>How many times a request is repeated at most.</summary>
    public int MaxRetries { get; }

    /// <summary>The wait when the response has no <c>Retry-After</c>.</summary>
    public TimeSpan DefaultDelay { get; }

    /// <summary>The longest <c>Retry-After</c> waited for.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Whether a request with <paramref name="method"/> may be repeated after <paramref name="statusCode"/>, and after how long.</summary>
    /// <param name="method">The request's method.</param>
    /// <param name="isCredentialRequest">Whether the request obtains a credential for another request.</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="retryAfter">The response's <c>Retry-After</c>, if any.</param>
    /// <param name="retriesSoFar">How often this request was repeated already.</param>
    /// <param name="delay">The wait before the retry.</param>
    /// <returns><see langword="true"/> to repeat the request after <paramref name="delay"/>.</returns>
    public bool ShouldRetry(HttpMethod method, bool isCredentialRequest, int statusCode, TimeSpan? retryAfter, int retriesSoFar, out TimeSpan delay)
    {
        delay = retryAfter ?? DefaultDelay;
        if (retriesSoFar >= MaxRetries || statusCode is not (429 or 503) || delay > MaxDelay)
        {
            return false;
        }

        return isCredentialRequest || IsIdempotent(method);
    }

    /// <summary>Whether <paramref name="method"/> is idempotent (RFC 9110 §9.2.2).</summary>
    /// <param name="method">The method.</param>
    /// <returns><see langword="true"/> for GET, HEAD, OPTIONS, TRACE, PUT and DELETE.</returns>
    public static bool IsIdempotent(HttpMethod method)
    {
        if (method is null)
        {
            throw new ArgumentNullException(nameof(method));
        }

        return method.Method.ToUpperInvariant() is "GET" or "HEAD" or "OPTIONS" or "TRACE" or "PUT" or "DELETE";
    }
}
