namespace SpecClients.Runtime.Auth.Internal;

/// <summary>Masks secrets for display: long values keep their first four characters, short ones none.</summary>
internal static class SecretMask
{
    public const string Hidden = "***";

    /// <summary>Values shorter than this are shown as <see cref="Hidden"/> only.</summary>
    private const int MinimumLengthForPrefix = 16;

    public static string Mask(string? secret)
    {
        if (secret is null)
        {
            return "null";
        }

        return secret.Length >= MinimumLengthForPrefix ? secret.Substring(0, 4) + "\u2026" : Hidden;
    }

    /// <summary>The start of a cache key, enough to tell entries apart in logs.</summary>
    public static string KeyPrefix(string cacheKey) =>
        cacheKey.Length <= 8 ? cacheKey : cacheKey.Substring(0, 8) + "\u2026";
}
