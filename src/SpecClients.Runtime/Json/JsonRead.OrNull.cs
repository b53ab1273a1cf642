using System;
using System.Text.Json;

namespace SpecClients.Runtime.Json;

// The member readers generated converters call: one call per member instead of a null test and a read spelled out in
// every generated member, so generated code is shorter to read and cheaper to compile.
public static partial class JsonRead
{
    /// <summary>Reads a JSON null as null, anything else as <see cref="String"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static string? StringOrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : String(ref reader, typeName, member);

    /// <summary>Reads a JSON null as null, anything else as <see cref="Int32"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static int? Int32OrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : Int32(ref reader, typeName, member);

    /// <summary>Reads a JSON null as null, anything else as <see cref="Int64"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static long? Int64OrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : Int64(ref reader, typeName, member);

    /// <summary>Reads a JSON null as null, anything else as <see cref="Single"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static float? SingleOrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : Single(ref reader, typeName, member);

    /// <summary>Reads a JSON null as null, anything else as <see cref="Double"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static double? DoubleOrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : Double(ref reader, typeName, member);

    /// <summary>Reads a JSON null as null, anything else as <see cref="Decimal"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static decimal? DecimalOrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : Decimal(ref reader, typeName, member);

    /// <summary>Reads a JSON null as null, anything else as <see cref="Boolean"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static bool? BooleanOrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : Boolean(ref reader, typeName, member);

    /// <summary>Reads a JSON null as null, anything else as <see cref="DateTimeOffset"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static DateTimeOffset? DateTimeOffsetOrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : DateTimeOffset(ref reader, typeName, member);

    /// <summary>Reads a JSON null as null, anything else as <see cref="Guid"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static Guid? GuidOrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : Guid(ref reader, typeName, member);

    /// <summary>Reads a JSON null as null, anything else as <see cref="Bytes"/> does.</summary>
    /// <param name="reader">The reader, at the member's value.</param>
    /// <param name="typeName">The owning type, for errors.</param>
    /// <param name="member">The JSON member name, for errors.</param>
    /// <returns>The value, or null.</returns>
    public static byte[]? BytesOrNull(ref Utf8JsonReader reader, string typeName, string member) =>
        reader.TokenType == JsonTokenType.Null ? null : Bytes(ref reader, typeName, member);

    /// <summary>A reader that reads a JSON null as null and anything else with <paramref name="read"/>: for a body the spec declares nullable.</summary>
    /// <typeparam name="T">A reference type.</typeparam>
    /// <param name="read">Reads a non-null value.</param>
    /// <returns>The reader.</returns>
    public static JsonReadFunc<T?> OrNull<T>(JsonReadFunc<T> read)
        where T : class
    {
        if (read is null)
        {
            throw new ArgumentNullException(nameof(read));
        }

        return (ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : read(ref reader);
    }

    /// <summary>A reader that reads a JSON null as null and anything else with <paramref name="read"/>: for a body the spec declares nullable.</summary>
    /// <typeparam name="T">A value type.</typeparam>
    /// <param name="read">Reads a non-null value.</param>
    /// <returns>The reader.</returns>
    public static JsonReadFunc<T?> OrNullValue<T>(JsonReadFunc<T> read)
        where T : struct
    {
        if (read is null)
        {
            throw new ArgumentNullException(nameof(read));
        }

        return (ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : read(ref reader);
    }
}
