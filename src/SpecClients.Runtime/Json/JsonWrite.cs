using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace SpecClients.Runtime.Json;

/// <summary>Value writers used by generated converters for collections.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonWrite
{
    // API bodies are not embedded in HTML: escape only what JSON requires, so "+05:30" stays "+05:30" on the wire.
    // Structure is not validated on every write (as System.Text.Json's serializer does not): the writers are generated,
    // and always pair a property name with a value and close what they open.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>
    /// A member name encoded once, with the writers' encoder, so that generated converters write it without checking it
    /// for characters to escape on every call (what System.Text.Json's own serializer does with its names).
    /// </summary>
    /// <param name="utf8Name">The member name as UTF-8.</param>
    /// <returns>The encoded name.</returns>
    public static JsonEncodedText Name(ReadOnlySpan<byte> utf8Name) => JsonEncodedText.Encode(utf8Name, WriterOptions.Encoder);

    /// <summary>Writes a member as a string, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void StringMember(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteString(name, value);
    }

    /// <summary>Writes a member as a date-time string, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void DateTimeOffsetMember(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteString(name, value.Value);
    }

    /// <summary>Writes a member as a UUID string, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void GuidMember(Utf8JsonWriter writer, JsonEncodedText name, Guid? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteString(name, value.Value);
    }

    /// <summary>Writes a member as a number, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void Int32Member(Utf8JsonWriter writer, JsonEncodedText name, int? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteNumber(name, value.Value);
    }

    /// <summary>Writes a member as a number, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void Int64Member(Utf8JsonWriter writer, JsonEncodedText name, long? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteNumber(name, value.Value);
    }

    /// <summary>Writes a member as a number, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void SingleMember(Utf8JsonWriter writer, JsonEncodedText name, float? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteNumber(name, value.Value);
    }

    /// <summary>Writes a member as a number, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void DoubleMember(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteNumber(name, value.Value);
    }

    /// <summary>Writes a member as a number, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void DecimalMember(Utf8JsonWriter writer, JsonEncodedText name, decimal? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteNumber(name, value.Value);
    }

    /// <summary>Writes a member as a boolean, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void BooleanMember(Utf8JsonWriter writer, JsonEncodedText name, bool? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteBoolean(name, value.Value);
    }

    /// <summary>Writes a member as Base64 text, or nothing when <paramref name="value"/> is null (used by generated converters).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The member name, encoded once (<see cref="JsonMembers"/>).</param>
    /// <param name="value">The value, or null to leave the member out.</param>
    public static void BytesMember(Utf8JsonWriter writer, JsonEncodedText name, byte[]? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteBase64String(name, value);
    }

    /// <summary>Writes an array, each item with <paramref name="item"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="items">The items.</param>
    /// <param name="item">Writes one item.</param>
    public static void Array<T>(Utf8JsonWriter writer, IEnumerable<T> items, JsonWriteAction<T> item)
    {
        writer.WriteStartArray();

        // Lists (what the generated readers create) by index: enumerating them through IEnumerable<T> would box an enumerator.
        if (items is IReadOnlyList<T> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                WriteItem(writer, list[i], item);
            }
        }
        else
        {
            foreach (var value in items)
            {
                WriteItem(writer, value, item);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a dictionary as an object, each value with <paramref name="value"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="items">The members.</param>
    /// <param name="value">Writes one value.</param>
    public static void Map<T>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>> items, JsonWriteAction<T> value)
    {
        writer.WriteStartObject();
        WriteMembers(writer, items, value);
        writer.WriteEndObject();
    }

    /// <summary>Writes dictionary entries as members of the object being written (for unknown members kept on read).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="items">The members, or null.</param>
    /// <param name="value">Writes one value.</param>
    public static void WriteMembers<T>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>>? items, JsonWriteAction<T> value)
    {
        if (items is null)
        {
            return;
        }

        // Dictionaries (what the generated readers create) with their own enumerator, which is not boxed.
        if (items is Dictionary<string, T> dictionary)
        {
            foreach (var pair in dictionary)
            {
                writer.WritePropertyName(pair.Key);
                WriteItem(writer, pair.Value, value);
            }

            return;
        }

        foreach (var pair in items)
        {
            writer.WritePropertyName(pair.Key);
            WriteItem(writer, pair.Value, value);
        }
    }

    private static void WriteItem<T>(Utf8JsonWriter writer, T value, JsonWriteAction<T> write)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            write(writer, value);
        }
    }

    /// <summary>A writer that writes null as JSON null and anything else with <paramref name="write"/>: for a body the spec declares nullable.</summary>
    /// <typeparam name="T">A reference type.</typeparam>
    /// <param name="write">Writes a non-null value.</param>
    /// <returns>The writer.</returns>
    public static JsonWriteAction<T?> OrNull<T>(JsonWriteAction<T> write)
        where T : class
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        return (writer, value) =>
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                write(writer, value);
            }
        };
    }

    /// <summary>A writer that writes null as JSON null and anything else with <paramref name="write"/>: for a body the spec declares nullable.</summary>
    /// <typeparam name="T">A value type.</typeparam>
    /// <param name="write">Writes a non-null value.</param>
    /// <returns>The writer.</returns>
    public static JsonWriteAction<T?> OrNullValue<T>(JsonWriteAction<T> write)
        where T : struct
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        return (writer, value) =>
        {
            if (value is { } present)
            {
                write(writer, present);
            }
            else
            {
                writer.WriteNullValue();
            }
        };
    }

    /// <summary>Serializes one value to UTF-8 JSON bytes.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] ToUtf8Bytes<T>(T value, JsonWriteAction<T> write)
    {
        var pooled = PooledJsonWriter.Rent(WriterOptions);
        try
        {
            write(pooled.Writer, value);
            return pooled.Complete().AsSpan().ToArray();
        }
        finally
        {
            pooled.Return();
        }
    }

    /// <summary>
    /// Writes one value as JSON into this thread's pooled buffer and gives <paramref name="use"/> its root, then clears
    /// the buffer: no copy of the bytes outlives the call, which matters for bodies that hold secrets.
    /// </summary>
    internal static TResult WithElement<T, TResult>(T value, JsonWriteAction<T> write, Func<JsonElement, TResult> use)
    {
        var pooled = PooledJsonWriter.Rent(WriterOptions);
        try
        {
            write(pooled.Writer, value);
            using var document = JsonDocument.Parse(pooled.Complete().AsMemory());
            return use(document.RootElement);
        }
        finally
        {
            pooled.Return();
        }
    }

    /// <summary>Parses UTF-8 JSON bytes into one value.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="json">The JSON bytes.</param>
    /// <param name="read">Reads the value.</param>
    /// <returns>The value.</returns>
    public static T FromUtf8Bytes<T>(ReadOnlySpan<byte> json, JsonReadFunc<T> read)
    {
        // Some servers (PHP among them) start bodies with a UTF-8 byte order mark, which Utf8JsonReader rejects.
        if (json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF)
        {
            json = json.Slice(3);
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read())
        {
            throw new JsonException("The JSON text is empty.");
        }

        var value = read(ref reader);

        // Text after the value (an HTML warning appended by a server) means the body is not the JSON it claims to be.
        if (reader.Read())
        {
            throw new JsonException($"Unexpected content after the JSON value at byte {reader.TokenStartIndex}.");
        }

        return value;
    }

    /// <summary>Serializes one value to a JSON string (for parameters whose schema is an object or array).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJsonString<T>(T value, JsonWriteAction<T> write)
    {
        var pooled = PooledJsonWriter.Rent(WriterOptions);
        try
        {
            write(pooled.Writer, value);
            var written = pooled.Complete();
            return System.Text.Encoding.UTF8.GetString(written.Array!, written.Offset, written.Count);
        }
        finally
        {
            pooled.Return();
        }
    }
}
