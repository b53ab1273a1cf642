using System;
using System.Collections.Generic;

namespace SpecClients.Samples.Sandbox;

/// <summary>The names of the five providers; each is also the path prefix it is served under.</summary>
public static class SandboxProviders
{
    /// <summary>Fincart, served under <c>/fincart/</c>.</summary>
    public const string Fincart = "fincart";

    /// <summary>Kitegateway, served under <c>/kitegateway/</c>.</summary>
    public const string Kitegateway = "kitegateway";

    /// <summary>FinCode (Songhai Exchange), served under <c>/fincode/</c>.</summary>
    public const string FinCode = "fincode";

    /// <summary>Faspay SendMe, served under <c>/faspay/</c>.</summary>
    public const string Faspay = "faspay";

    /// <summary>Torus, served under <c>/torus/</c>.</summary>
    public const string Torus = "torus";

    /// <summary>All five names, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Fincart, Kitegateway, FinCode, Faspay, Torus];

    /// <summary>Returns the canonical (lower-case) name of <paramref name="provider"/>, matched case-insensitively.</summary>
    /// <param name="provider">A provider name.</param>
    /// <returns>One of the constants of this class.</returns>
    /// <exception cref="ArgumentException">The name is not one of the five.</exception>
    public static string Normalize(string provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        foreach (string name in All)
        {
            if (string.Equals(name, provider, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        throw new ArgumentException(
            $"Unknown provider '{provider}'; expected one of: {string.Join(", ", All)}.", nameof(provider));
    }
}
