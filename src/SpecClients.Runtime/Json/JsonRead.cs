using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace SpecClients.Runtime.Json;

/// <summary>Reads one JSON value positioned at <paramref name="reader"/>'s current token.</summary>
/// <typeparam name="T">The value's type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate T JsonReadFunc<out T>(ref Utf8JsonReader reader);

/// <summary>Writes one JSON value.</summary>
/// <typeparam name="T">The value's type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void JsonWriteAction<in T>(Utf8JsonWriter writer, T value);

/// <summary>
/// Value readers used by generated converters. They are lenient where real servers are (numbers sent as strings,
/// strings sent as numbers) and strict otherwise: a wrong type throws a <see cref="JsonException"/> naming the type and
/// member, never the value (it may be a secret).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class JsonRead
{
    /// <summary>Checks that the reader is at the start of an object.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The generated type being read, for the error message.</param>
    public static void StartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for '{typeName}' but found {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Reads a string; a number or boolean is read as its JSON text.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static string String(ref Utf8JsonReader reader, string typeName, string member) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => RawText(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw WrongType(ref reader, typeName, member, "a string"),
    };

    /// <summary>Reads a 32-bit integer, also from a numeric string.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static int Int32(ref Utf8JsonReader reader, string typeName, string member)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }

        throw WrongType(ref reader, typeName, member, "a 32-bit integer");
    }

    /// <summary>Reads a 64-bit integer, also from a numeric string.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static long Int64(ref Utf8JsonReader reader, string typeName, string member)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }

        throw WrongType(ref reader, typeName, member, "an integer");
    }

    /// <summary>Reads a double, also from a numeric string.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static double Double(ref Utf8JsonReader reader, string typeName, string member)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.String && double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }

        throw WrongType(ref reader, typeName, member, "a number");
    }

    /// <summary>Reads a float, also from a numeric string.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static float Single(ref Utf8JsonReader reader, string typeName, string member)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.String && float.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }

        throw WrongType(ref reader, typeName, member, "a number");
    }

    /// <summary>Reads a decimal, also from a numeric string (money is often sent as "7897000.00").</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static decimal Decimal(ref Utf8JsonReader reader, string typeName, string member)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.String && decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }

        throw WrongType(ref reader, typeName, member, "a decimal number");
    }

    /// <summary>Reads a boolean, also from the strings "true" and "false".</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static bool Boolean(ref Utf8JsonReader reader, string typeName, string member)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String when bool.TryParse(reader.GetString(), out var value):
                return value;
            default:
                throw WrongType(ref reader, typeName, member, "a boolean");
        }
    }

    /// <summary>Reads an ISO 8601 date-time.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static DateTimeOffset DateTimeOffset(ref Utf8JsonReader reader, string typeName, string member)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.TryGetDateTimeOffset(out var value))
            {
                return value;
            }

            if (System.DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
            {
                return value;
            }
        }

        throw WrongType(ref reader, typeName, member, "a date-time");
    }

    /// <summary>Reads a UUID.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static Guid Guid(ref Utf8JsonReader reader, string typeName, string member)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var value))
        {
            return value;
        }

        throw WrongType(ref reader, typeName, member, "a UUID");
    }

    /// <summary>Reads base64 bytes.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value.</returns>
    public static byte[] Bytes(ref Utf8JsonReader reader, string typeName, string member)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out var value))
        {
            return value;
        }

        throw WrongType(ref reader, typeName, member, "base64 bytes");
    }

    /// <summary>Reads any JSON value as a detached <see cref="JsonElement"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static JsonElement Element(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    /// <summary>Reads an array, each item with <paramref name="item"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <param name="item">Reads one item.</param>
    /// <returns>The items.</returns>
    public static List<T> Array<T>(ref Utf8JsonReader reader, string typeName, string member, JsonReadFunc<T> item)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongType(ref reader, typeName, member, "an array");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.Null ? default! : item(ref reader));
        }

        return items;
    }

    /// <summary>Reads an object as a dictionary, each value with <paramref name="value"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <param name="value">Reads one value.</param>
    /// <returns>The members.</returns>
    public static Dictionary<string, T> Map<T>(ref Utf8JsonReader reader, string typeName, string member, JsonReadFunc<T> value)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType(ref reader, typeName, member, "an object");
        }

        var items = new Dictionary<string, T>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            items[key] = reader.TokenType == JsonTokenType.Null ? default! : value(ref reader);
        }

        return items;
    }

    /// <summary>The error for a required member that is absent.</summary>
    /// <param name="typeName">The owning type.</param>
    /// <param name="member">The JSON member name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException MissingMember(string typeName, string member) =>
        new($"Required member '{member}' of '{typeName}' is missing.");

    /// <summary>The error for a null in a member that does not allow it.</summary>
    /// <param name="typeName">The owning type.</param>
    /// <param name="member">The JSON member name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException NullMember(string typeName, string member) =>
        new($"Member '{member}' of '{typeName}' is null but the schema does not allow null.");

    /// <summary>The error for an enum value the schema does not list.</summary>
    /// <param name="typeName">The owning type.</param>
    /// <param name="member">The JSON member name.</param>
    /// <param name="enumName">The enum type.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException UnknownEnumValue(string typeName, string member, string enumName) =>
        new($"Member '{member}' of '{typeName}' holds a value that is not one of the values of '{enumName}'.");

    /// <summary>The error for an enum value the schema does not list, read where enums are strict.</summary>
    /// <param name="typeName">The owning type.</param>
    /// <param name="member">The JSON member name.</param>
    /// <param name="enumName">The enum type.</param>
    /// <param name="value">The value as read (an integer as its JSON text).</param>
    /// <returns>The exception to throw.</returns>
    public static UnknownEnumValueException UnknownEnumValue(string typeName, string member, string enumName, string value) =>
        new(typeName, member, enumName, value);

    /// <summary>
    /// The wire text of an extensible string enum: a <c>default</c> one holds none, and sending an empty string in its
    /// place would hide the mistake.
    /// </summary>
    /// <param name="value">The text the enum holds; null for a <c>default</c> one.</param>
    /// <param name="enumName">The enum type.</param>
    /// <returns>The text.</returns>
    public static string EnumText(string? value, string enumName) =>
        value ?? throw new InvalidOperationException(
            $"This '{enumName}' is default and holds no value: use one of its members, or construct one from the wire value.");

    private static JsonException WrongType(ref Utf8JsonReader reader, string typeName, string member, string expected) =>
        new($"Member '{member}' of '{typeName}' should be {expected} but is {Describe(reader.TokenType)}.");

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string of another format",
        JsonTokenType.Number => "a number out of range or of another kind",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    private static string RawText(ref Utf8JsonReader reader)
    {
        var span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        return System.Text.Encoding.UTF8.GetString(span);
    }
}
