using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SpecClients.Runtime.Json;

/// <summary>The kinds of JSON value a union branch accepts.</summary>
[Flags]
[EditorBrowsable(EditorBrowsableState.Never)]
public enum JsonKinds
{
    /// <summary>No value.</summary>
    None = 0,

    /// <summary>A JSON object.</summary>
    Object = 1,

    /// <summary>A JSON array.</summary>
    Array = 2,

    /// <summary>A JSON string.</summary>
    String = 4,

    /// <summary>A JSON number without a fractional part.</summary>
    Integer = 8,

    /// <summary>Any JSON number.</summary>
    Number = 16,

    /// <summary>true or false.</summary>
    Boolean = 32,

    /// <summary>null.</summary>
    Null = 64,

    /// <summary>Any value but null.</summary>
    Any = Object | Array | String | Integer | Number | Boolean,
}

/// <summary>A member of an object branch whose value must be one of a few (an enum or <c>const</c>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UnionConstraint
{
    /// <summary>Creates the constraint.</summary>
    /// <param name="member">The JSON member name.</param>
    /// <param name="values">The values allowed, as JSON text for numbers and booleans.</param>
    public UnionConstraint(string member, params string[] values)
    {
        Member = member ?? throw new ArgumentNullException(nameof(member));
        Values = values ?? System.Array.Empty<string>();
    }

    /// <summary>The JSON member name.</summary>
    public string Member { get; }

    /// <summary>The values allowed.</summary>
    public IReadOnlyList<string> Values { get; }
}

/// <summary>What one branch of a <c>oneOf</c>/<c>anyOf</c> accepts, used to tell which branch a JSON value is.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UnionCase
{
    /// <summary>Creates the description of a branch.</summary>
    /// <param name="kinds">The kinds of JSON value the branch accepts.</param>
    /// <param name="format">A string format the value must have: <c>date-time</c>, <c>uuid</c> or <c>byte</c>.</param>
    /// <param name="values">The values the branch allows (an enum or <c>const</c>); null for any.</param>
    /// <param name="required">Members an object must have.</param>
    /// <param name="known">Members the branch declares.</param>
    /// <param name="constraints">Members whose values are fixed.</param>
    /// <param name="closed">Whether members the branch does not declare rule it out.</param>
    /// <param name="discriminatorValues">The discriminator values that name the branch.</param>
    public UnionCase(
        JsonKinds kinds,
        string? format = null,
        string[]? values = null,
        string[]? required = null,
        string[]? known = null,
        UnionConstraint[]? constraints = null,
        bool closed = false,
        string[]? discriminatorValues = null)
    {
        Kinds = kinds;
        Format = format;
        Values = values;
        Required = required ?? System.Array.Empty<string>();
        Known = known ?? System.Array.Empty<string>();
        Constraints = constraints ?? System.Array.Empty<UnionConstraint>();
        Closed = closed;
        DiscriminatorValues = discriminatorValues ?? System.Array.Empty<string>();
    }

    /// <summary>The kinds of JSON value the branch accepts.</summary>
    public JsonKinds Kinds { get; }

    /// <summary>The string format the value must have, or null.</summary>
    public string? Format { get; }

    /// <summary>The values the branch allows, or null for any.</summary>
    public IReadOnlyList<string>? Values { get; }

    /// <summary>Members an object must have.</summary>
    public IReadOnlyList<string> Required { get; }

    /// <summary>Members the branch declares.</summary>
    public IReadOnlyList<string> Known { get; }

    /// <summary>Members whose values are fixed.</summary>
    public IReadOnlyList<UnionConstraint> Constraints { get; }

    /// <summary>Whether members the branch does not declare rule it out.</summary>
    public bool Closed { get; }

    /// <summary>The discriminator values that name the branch.</summary>
    public IReadOnlyList<string> DiscriminatorValues { get; }
}

/// <summary>The branches of a union, in the spec's order, and its discriminator member if it has one.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UnionShape
{
    /// <summary>Creates the shape.</summary>
    /// <param name="discriminator">The JSON name of the discriminator member, or null.</param>
    /// <param name="cases">The branches, in the spec's order.</param>
    public UnionShape(string? discriminator, params UnionCase[] cases)
    {
        Discriminator = discriminator;
        Cases = cases ?? System.Array.Empty<UnionCase>();
    }

    /// <summary>The JSON name of the discriminator member, or null.</summary>
    public string? Discriminator { get; }

    /// <summary>The branches.</summary>
    public IReadOnlyList<UnionCase> Cases { get; }
}

/// <summary>
/// Helpers for generated union types (<c>oneOf</c>, <c>anyOf</c>, type arrays): they keep the JSON value and read it as a
/// branch on demand, so that no branch the server sends is lost, whichever it is.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonUnion
{
    /// <summary>
    /// The branch a value is: the one its discriminator names; otherwise, among the branches whose kind, format,
    /// allowed values, required members and fixed members it satisfies, the one it shares the most declared members
    /// with (the first in the spec's order on a tie).
    /// </summary>
    /// <param name="element">The value.</param>
    /// <param name="shape">The union's branches.</param>
    /// <returns>The branch's index, or -1 when the value is none of them.</returns>
    public static int Classify(JsonElement element, UnionShape shape)
    {
        if (shape is null)
        {
            throw new ArgumentNullException(nameof(shape));
        }

        if (shape.Discriminator is { } discriminator && element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(discriminator, out var tag) && tag.ValueKind == JsonValueKind.String)
        {
            var text = tag.GetString();
            for (var i = 0; i < shape.Cases.Count; i++)
            {
                foreach (var value in shape.Cases[i].DiscriminatorValues)
                {
                    if (string.Equals(value, text, StringComparison.Ordinal))
                    {
                        return i;
                    }
                }
            }
        }

        var best = -1;
        var bestScore = -1;
        for (var i = 0; i < shape.Cases.Count; i++)
        {
            var score = Score(element, shape.Cases[i]);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Whether a value's JSON kind is one of <paramref name="kinds"/>.</summary>
    /// <param name="element">The value.</param>
    /// <param name="kinds">The kinds accepted.</param>
    /// <returns>Whether the kind matches.</returns>
    public static bool Accepts(JsonElement element, JsonKinds kinds) => element.ValueKind switch
    {
        JsonValueKind.Object => (kinds & JsonKinds.Object) != 0,
        JsonValueKind.Array => (kinds & JsonKinds.Array) != 0,
        JsonValueKind.String => (kinds & JsonKinds.String) != 0,
        JsonValueKind.Number => (kinds & JsonKinds.Number) != 0 || ((kinds & JsonKinds.Integer) != 0 && IsIntegral(element)),
        JsonValueKind.True or JsonValueKind.False => (kinds & JsonKinds.Boolean) != 0,
        JsonValueKind.Null => (kinds & JsonKinds.Null) != 0,
        _ => false,
    };

    /// <summary>Reads a value as a reference-typed branch; null when its kind does not match or it does not read as one.</summary>
    /// <typeparam name="T">The branch type.</typeparam>
    /// <param name="element">The value.</param>
    /// <param name="kinds">The kinds the branch accepts.</param>
    /// <param name="read">Reads the branch.</param>
    /// <returns>The branch value, or null.</returns>
    public static T? Read<T>(JsonElement element, JsonKinds kinds, JsonReadFunc<T> read)
        where T : class
    {
        if (!Accepts(element, kinds))
        {
            return null;
        }

        try
        {
            return FromElement(element, read);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>Reads a value as a value-typed branch.</summary>
    /// <typeparam name="T">The branch type.</typeparam>
    /// <param name="element">The value.</param>
    /// <param name="kinds">The kinds the branch accepts.</param>
    /// <param name="read">Reads the branch.</param>
    /// <param name="value">The branch value, or default.</param>
    /// <returns>Whether the value reads as the branch.</returns>
    public static bool TryRead<T>(JsonElement element, JsonKinds kinds, JsonReadFunc<T> read, out T value)
        where T : struct
    {
        value = default;
        if (!Accepts(element, kinds))
        {
            return false;
        }

        try
        {
            value = FromElement(element, read);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>Reads a value with a generated reader.</summary>
    /// <typeparam name="T">The type read.</typeparam>
    /// <param name="element">The value.</param>
    /// <param name="read">Reads the value.</param>
    /// <returns>The value read.</returns>
    public static T FromElement<T>(JsonElement element, JsonReadFunc<T> read)
    {
        if (read is null)
        {
            throw new ArgumentNullException(nameof(read));
        }

        var bytes = Encoding.UTF8.GetBytes(element.GetRawText());
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        return read(ref reader);
    }

    /// <summary>Writes a value with a generated writer and keeps the result as a <see cref="JsonElement"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value.</param>
    /// <returns>The JSON value.</returns>
    public static JsonElement ToElement<T>(T value, JsonWriteAction<T> write) =>
        JsonWrite.WithElement(value, write, root => root.Clone());

    /// <summary>Converts between two generated types through their JSON (a base type and a subtype of it).</summary>
    /// <typeparam name="TFrom">The type converted from.</typeparam>
    /// <typeparam name="TTo">The type converted to.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes a <typeparamref name="TFrom"/>.</param>
    /// <param name="read">Reads a <typeparamref name="TTo"/>.</param>
    /// <returns>The converted value, or null when the JSON does not read as <typeparamref name="TTo"/>.</returns>
    public static TTo? Convert<TFrom, TTo>(TFrom value, JsonWriteAction<TFrom> write, JsonReadFunc<TTo> read)
        where TTo : class
    {
        var bytes = JsonWrite.ToUtf8Bytes(value, write);
        try
        {
            return JsonWrite.FromUtf8Bytes(bytes, read);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The error for a union read as a branch it is not.</summary>
    /// <param name="union">The union type.</param>
    /// <param name="branch">The branch asked for.</param>
    /// <returns>The exception to throw.</returns>
    public static InvalidOperationException NotThisBranch(string union, string branch) =>
        new($"The '{union}' value is not a '{branch}'.");

    /// <summary>Whether two JSON values are equal: objects whatever the member order, numbers by value.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool ElementEquals(JsonElement left, JsonElement right)
    {
        var leftKind = left.ValueKind;
        if (leftKind != right.ValueKind)
        {
            return false;
        }

        switch (leftKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var member in left.EnumerateObject())
                {
                    count++;
                    if (!right.TryGetProperty(member.Name, out var other) || !ElementEquals(member.Value, other))
                    {
                        return false;
                    }
                }

                foreach (var unused in right.EnumerateObject())
                {
                    count--;
                }

                return count == 0;
            case JsonValueKind.Array:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }

                using (var a = left.EnumerateArray())
                using (var b = right.EnumerateArray())
                {
                    while (a.MoveNext() && b.MoveNext())
                    {
                        if (!ElementEquals(a.Current, b.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.String:
                return string.Equals(left.GetString(), right.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                if (left.GetRawText() == right.GetRawText())
                {
                    return true;
                }

                if (left.TryGetDecimal(out var leftDecimal) && right.TryGetDecimal(out var rightDecimal))
                {
                    return leftDecimal == rightDecimal;
                }

                return left.TryGetDouble(out var leftDouble) && right.TryGetDouble(out var rightDouble) && leftDouble.Equals(rightDouble);
            default:
                return true;
        }
    }

    /// <summary>A hash code consistent with <see cref="ElementEquals"/>.</summary>
    /// <param name="element">The value.</param>
    /// <returns>The hash code.</returns>
    public static int ElementHashCode(JsonElement element)
    {
        unchecked
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var objectHash = 17;
                    foreach (var member in element.EnumerateObject())
                    {
                        objectHash += StringComparer.Ordinal.GetHashCode(member.Name) ^ (ElementHashCode(member.Value) * 31);
                    }

                    return objectHash;
                case JsonValueKind.Array:
                    var arrayHash = 19;
                    foreach (var item in element.EnumerateArray())
                    {
                        arrayHash = (arrayHash * 31) + ElementHashCode(item);
                    }

                    return arrayHash;
                case JsonValueKind.String:
                    return StringComparer.Ordinal.GetHashCode(element.GetString()!);
                case JsonValueKind.Number:
                    return element.TryGetDecimal(out var number) ? number.GetHashCode() : element.TryGetDouble(out var real) ? real.GetHashCode() : 0;
                default:
                    return (int)element.ValueKind;
            }
        }
    }

    private static int Score(JsonElement element, UnionCase branch)
    {
        if (!Accepts(element, branch.Kinds))
        {
            return -1;
        }

        var score = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                if (branch.Values is { } values)
                {
                    if (!Contains(values, element.GetString()))
                    {
                        return -1;
                    }

                    score += 100;
                }

                if (branch.Format is { } format)
                {
                    if (!HasFormat(element, format))
                    {
                        return -1;
                    }

                    score += 50;
                }

                break;
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                if (branch.Values is { } fixedValues)
                {
                    if (!Contains(fixedValues, element.GetRawText()))
                    {
                        return -1;
                    }

                    score += 100;
                }

                // A number that fits an integer branch is that branch rather than a number branch.
                if (element.ValueKind == JsonValueKind.Number && (branch.Kinds & JsonKinds.Number) == 0)
                {
                    score += 1;
                }

                break;
            case JsonValueKind.Object:
                foreach (var name in branch.Required)
                {
                    if (!element.TryGetProperty(name, out _))
                    {
                        return -1;
                    }
                }

                foreach (var constraint in branch.Constraints)
                {
                    if (element.TryGetProperty(constraint.Member, out var member))
                    {
                        var text = member.ValueKind == JsonValueKind.String ? member.GetString() : member.GetRawText();
                        if (!Contains(constraint.Values, text))
                        {
                            return -1;
                        }

                        score += 10;
                    }
                }

                foreach (var member in element.EnumerateObject())
                {
                    if (Contains(branch.Known, member.Name))
                    {
                        score++;
                    }
                    else if (branch.Closed)
                    {
                        return -1;
                    }
                }

                break;
        }

        return score;
    }

    private static bool Contains(IReadOnlyList<string> values, string? value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasFormat(JsonElement element, string format) => format switch
    {
        "date-time" => element.TryGetDateTimeOffset(out _)
            || DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        "uuid" => element.TryGetGuid(out _),
        "byte" => element.TryGetBytesFromBase64(out _),
        _ => true,
    };

    private static bool IsIntegral(JsonElement element) =>
        element.TryGetInt64(out _) || (element.TryGetDecimal(out var value) && decimal.Truncate(value) == value);
}
