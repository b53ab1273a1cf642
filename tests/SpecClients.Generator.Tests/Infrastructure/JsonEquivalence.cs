using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>
/// Compares the JSON an example was with the JSON the generated code wrote back. Equivalent means: the same members
/// in any order, numbers equal as numbers (10.50 = 10.5), strings equal, where a date-time equals the same instant in
/// another notation (Z = +00:00, trailing zero fractions) and a UUID equals itself in another case; a member that is
/// null on one side may be absent on the other (an optional member read as null is not written back).
/// </summary>
internal static class JsonEquivalence
{
    /// <summary>The path of the first difference, or null when equivalent.</summary>
    public static string? Difference(string expected, string actual)
    {
        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        return Compare(left.RootElement, right.RootElement, "$");
    }

    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind && !(IsBoolean(expected) && IsBoolean(actual)))
        {
            return path + ": " + Describe(expected) + " became " + Describe(actual);
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in expected.EnumerateObject())
                {
                    if (actual.TryGetProperty(member.Name, out var other))
                    {
                        if (Compare(member.Value, other, path + "." + member.Name) is { } error)
                        {
                            return error;
                        }
                    }
                    else if (member.Value.ValueKind != JsonValueKind.Null)
                    {
                        return path + "." + member.Name + ": missing after the round trip";
                    }
                }

                foreach (var member in actual.EnumerateObject())
                {
                    if (!expected.TryGetProperty(member.Name, out _) && member.Value.ValueKind != JsonValueKind.Null)
                    {
                        return path + "." + member.Name + ": added by the round trip";
                    }
                }

                return null;
            case JsonValueKind.Array:
                var left = expected.EnumerateArray().ToList();
                var right = actual.EnumerateArray().ToList();
                if (left.Count != right.Count)
                {
                    return path + ": " + left.Count + " items became " + right.Count;
                }

                for (var i = 0; i < left.Count; i++)
                {
                    if (Compare(left[i], right[i], path + "[" + i + "]") is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return NumbersEqual(expected, actual) ? null : path + ": " + expected.GetRawText() + " became " + actual.GetRawText();
            case JsonValueKind.String:
                var a = expected.GetString()!;
                var b = actual.GetString()!;
                return a == b || SameInstant(a, b) || SameUuid(a, b) ? null : path + ": \"" + Truncate(a) + "\" became \"" + Truncate(b) + "\"";
            case JsonValueKind.True:
            case JsonValueKind.False:
                return expected.ValueKind == actual.ValueKind ? null : path + ": " + expected.GetRawText() + " became " + actual.GetRawText();
            default:
                return null;
        }
    }

    private static bool IsBoolean(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static bool NumbersEqual(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
        {
            return x == y;
        }

        return a.TryGetDouble(out var p) && b.TryGetDouble(out var q) && p.Equals(q);
    }

    private static bool SameInstant(string a, string b) =>
        a.Length >= 19 && b.Length >= 19 && a[4] == '-' && b[4] == '-'
        && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var x)
        && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var y)
        && x == y;

    private static bool SameUuid(string a, string b) => Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y) && x == y;

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "\"" + Truncate(element.GetString()!) + "\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => element.GetRawText(),
    };

    private static string Truncate(string text) => text.Length > 60 ? text.Substring(0, 57) + "..." : text;
}
