using System;

namespace SpecClients.Samples.ProviderTour;

/// <summary>One row of the tour's table.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Token">The token, masked.</param>
/// <param name="ExpiresAt">When the token expires, if known.</param>
/// <param name="TokenRequests">Token requests the provider answered during its tour.</param>
/// <param name="CacheHits">Calls that reused the cached token.</param>
/// <param name="Result">What the authenticated call returned, or why it failed.</param>
/// <param name="Succeeded">Whether the authenticated call succeeded.</param>
public sealed record TourResult(string Provider, string Token, DateTimeOffset? ExpiresAt, long TokenRequests, long CacheHits, string Result, bool Succeeded)
{
    /// <summary>Shows the first characters of a token and its length, never the whole value.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The masked token.</returns>
    public static string Mask(string? token) =>
        string.IsNullOrEmpty(token) ? "-" : token!.Substring(0, Math.Min(6, token.Length / 4)) + "… (" + token.Length + " chars)";
}
