using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpecClients.Runtime.Json;

/// <summary>
/// The base of every generated converter: <see cref="JsonSerializer"/> calls reach the generated type's own reader and
/// writer, so a generated converter is one constructor line instead of two overrides.
/// </summary>
/// <typeparam name="T">The generated type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GeneratedJsonConverter<T> : JsonConverter<T>
{
    private readonly JsonReadFunc<T> _read;
    private readonly JsonWriteAction<T> _write;

    /// <summary>Creates the converter over the generated type's reader and writer.</summary>
    /// <param name="read">Reads one value at the reader's current token.</param>
    /// <param name="write">Writes one non-null value.</param>
    protected GeneratedJsonConverter(JsonReadFunc<T> read, JsonWriteAction<T> write)
    {
        _read = read ?? throw new ArgumentNullException(nameof(read));
        _write = write ?? throw new ArgumentNullException(nameof(write));
    }

    /// <inheritdoc/>
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _read(ref reader);

    /// <inheritdoc/>
    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _write(writer, value);
}
