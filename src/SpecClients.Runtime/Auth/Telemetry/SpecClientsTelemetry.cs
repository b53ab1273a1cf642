namespace SpecClients.Runtime.Auth;

/// <summary>The names under which the token lifecycle reports traces and metrics.</summary>
public static class SpecClientsTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name; one activity per token request.</summary>
    public const string ActivitySourceName = "SpecClients.Auth";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name.</summary>
    public const string MeterName = "SpecClients.Auth";

    /// <summary>The name of the activity started for each call of <see cref="ITokenSource.RequestTokenAsync"/>.</summary>
    public const string TokenRequestActivityName = "SpecClients.Auth.RequestToken";

    /// <summary>Counter of calls to a token source (refreshes included), tagged with <see cref="OutcomeTagName"/>.</summary>
    public const string TokenRequestsCounterName = "spec_clients.token.requests";

    /// <summary>Counter of token requests answered from the cache.</summary>
    public const string TokenCacheHitsCounterName = "spec_clients.token.cache_hits";

    /// <summary>Counter of token requests that used a refresh token, tagged with <see cref="OutcomeTagName"/>.</summary>
    public const string TokenRefreshesCounterName = "spec_clients.token.refreshes";

    /// <summary>Tag on counters and activities: <see cref="OutcomeSuccess"/> or <see cref="OutcomeFailure"/>.</summary>
    public const string OutcomeTagName = "spec_clients.token.outcome";

    /// <summary>Tag on activities: whether the request used a refresh token.</summary>
    public const string RefreshTagName = "spec_clients.token.refresh";

    /// <summary>Value of <see cref="OutcomeTagName"/> for a request that returned a token.</summary>
    public const string OutcomeSuccess = "success";

    /// <summary>Value of <see cref="OutcomeTagName"/> for a request that threw.</summary>
    public const string OutcomeFailure = "failure";
}
