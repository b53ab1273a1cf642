using System;
using System.Text.Json;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>Helpers that generated token sources call to turn what a token endpoint returns into an expiry.</summary>
internal static class TokenExpiry
{
    private const long MaxUnixSeconds = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private const long MinUnixSeconds = -62_135_596_800L; // 0001-01-01T00:00:00Z

    /// <summary>An absolute expiry given in seconds since the Unix epoch (e.g. <c>expires_at</c>).</summary>
    /// <param name="seconds">The seconds, or <see langword="null"/>.</param>
    /// <returns>The instant (saturated at the representable range), or <see langword="null"/>.</returns>
    public static DateTimeOffset? FromUnixSeconds(long? seconds)
    {
        if (seconds is not { } s)
        {
            return null;
        }

        if (s >= MaxUnixSeconds)
        {
            return DateTimeOffset.MaxValue;
        }

        return s <= MinUnixSeconds ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeSeconds(s);
    }

    /// <summary>An absolute expiry given in milliseconds since the Unix epoch.</summary>
    /// <param name="milliseconds">The milliseconds, or <see langword="null"/>.</param>
    /// <returns>The instant (saturated at the representable range), or <see langword="null"/>.</returns>
    public static DateTimeOffset? FromUnixMilliseconds(long? milliseconds)
    {
        if (milliseconds is not { } ms)
        {
            return null;
        }

        if (ms / 1000 >= MaxUnixSeconds)
        {
            return DateTimeOffset.MaxValue;
        }

        return ms / 1000 <= MinUnixSeconds ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    /// <summary>A relative expiry (e.g. OAuth2's <c>expires_in</c>) counted from now on <paramref name="clock"/>.</summary>
    /// <param name="seconds">The seconds from now, or <see langword="null"/>.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The instant (saturated at the representable range), or <see langword="null"/>.</returns>
    public static DateTimeOffset? FromRelativeSeconds(long? seconds, TimeProvider clock)
    {
        if (clock is null)
        {
            throw new ArgumentNullException(nameof(clock));
        }

        return seconds is { } s ? AddSaturating(clock.GetUtcNow(), s) : null;
    }

    /// <summary>
    /// The <c>exp</c> claim of a JWT (JWS compact form), also when the token carries a <c>Bearer </c> or <c>JWT </c>
    /// prefix. The signature is not checked: the value only decides when to ask for a new token.
    /// </summary>
    /// <param name="token">The token.</param>
    /// <returns>The expiry, or <see langword="null"/> if the token is no JWT or has no numeric <c>exp</c>.</returns>
    public static DateTimeOffset? FromJwt(string? token)
    {
        if (token is null)
        {
            return null;
        }

        var jwt = StripPrefix(token.Trim());
        var firstDot = jwt.IndexOf('.');
        if (firstDot <= 0)
        {
            return null;
        }

        var secondDot = jwt.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || secondDot == firstDot + 1 || jwt.IndexOf('.', secondDot + 1) >= 0)
        {
            return null; // not three segments (a JWE has five, and its payload is encrypted anyway)
        }

        var payload = Base64UrlDecode(jwt, firstDot + 1, secondDot - firstDot - 1);
        return payload is null ? null : ReadExp(payload);
    }

    internal static DateTimeOffset AddSaturating(DateTimeOffset instant, TimeSpan span)
    {
        if (span > TimeSpan.Zero && DateTimeOffset.MaxValue - instant <= span)
        {
            return DateTimeOffset.MaxValue;
        }

        if (span < TimeSpan.Zero && instant - DateTimeOffset.MinValue <= span.Negate())
        {
            return DateTimeOffset.MinValue;
        }

        return instant + span;
    }

    private static DateTimeOffset AddSaturating(DateTimeOffset instant, long seconds)
    {
        const long maxSpanSeconds = long.MaxValue / TimeSpan.TicksPerSecond;
        if (seconds >= maxSpanSeconds)
        {
            return DateTimeOffset.MaxValue;
        }

        if (seconds <= -maxSpanSeconds)
        {
            return DateTimeOffset.MinValue;
        }

        return AddSaturating(instant, TimeSpan.FromTicks(seconds * TimeSpan.TicksPerSecond));
    }

    private static string StripPrefix(string token)
    {
        foreach (var prefix in new[] { "Bearer ", "JWT " })
        {
            if (token.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return token.Substring(prefix.Length).TrimStart();
            }
        }

        return token;
    }

    private static DateTimeOffset? ReadExp(byte[] payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isExp = reader.ValueTextEquals("exp");
                if (!reader.Read())
                {
                    return null;
                }

                if (!isExp)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.Number)
                {
                    return null;
                }

                if (reader.TryGetInt64(out var seconds))
                {
                    return FromUnixSeconds(seconds);
                }

                var fractional = reader.GetDouble(); // NumericDate may have a fraction
                if (double.IsNaN(fractional) || double.IsInfinity(fractional))
                {
                    return null;
                }

                return fractional >= MaxUnixSeconds ? DateTimeOffset.MaxValue
                    : fractional <= MinUnixSeconds ? DateTimeOffset.MinValue
                    : FromUnixSeconds((long)Math.Floor(fractional));
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Decodes base64url (padding optional); <see langword="null"/> on any invalid character or length.</summary>
    private static byte[]? Base64UrlDecode(string text, int start, int length)
    {
        while (length > 0 && text[start + length - 1] == '=')
        {
            length--;
        }

        if (length == 0 || length % 4 == 1)
        {
            return null;
        }

        var output = new byte[length * 3 / 4];
        var written = 0;
        var buffer = 0;
        var bits = 0;
        for (var i = start; i < start + length; i++)
        {
            var value = SextetOf(text[i]);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[written++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        return written == output.Length ? output : null;
    }

    private static int SextetOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
