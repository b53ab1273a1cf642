using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace SpecClients.Runtime.Json;

/// <summary>Formats parameter and form values the way OpenAPI's simple and form styles expect: invariant culture, ISO 8601, lowercase booleans.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterFormat
{
    /// <summary>Formats a string (unchanged).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(string value) => value;

    /// <summary>Formats an integer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats an integer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number in round-trip form.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a number in round-trip form.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a decimal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a boolean as <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>Formats a date-time as ISO 8601.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats a UUID.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Formats bytes as base64.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(byte[] value) => Convert.ToBase64String(value);

    /// <summary>Formats a JSON value: strings unquoted, anything else as JSON text.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(System.Text.Json.JsonElement value) =>
        value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>
    /// Flattens a value into <c>deepObject</c> pairs, nesting as Rails, PHP and Stripe read them: objects as
    /// <c>name[key]</c>, arrays as <c>name[0]</c>, to any depth (<c>items[0][price]=p_1</c>). Strings are unquoted,
    /// numbers and booleans are their JSON text, nulls are left out.
    /// </summary>
    /// <param name="name">The parameter or form field name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The pairs, in document order.</returns>
    public static IEnumerable<KeyValuePair<string, string>> DeepObject(string name, JsonElement value)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        var pairs = new List<KeyValuePair<string, string>>();
        Flatten(name, value, pairs, 0);
        return pairs;
    }

    /// <summary>Flattens a generated type into <c>deepObject</c> pairs through its JSON.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The parameter or form field name.</param>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value as JSON (the generated writer).</param>
    /// <returns>The pairs, in document order.</returns>
    public static IEnumerable<KeyValuePair<string, string>> DeepObject<T>(string name, T value, JsonWriteAction<T> write)
    {
        using var document = JsonDocument.Parse(JsonWrite.ToUtf8Bytes(value, write));
        return DeepObject(name, document.RootElement);
    }

    private static void Flatten(string prefix, JsonElement value, List<KeyValuePair<string, string>> pairs, int depth)
    {
        if (depth > 64)
        {
            throw new InvalidOperationException($"'{prefix}' nests deeper than 64 levels.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    Flatten(prefix + "[" + member.Name + "]", member.Value, pairs, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Flatten(prefix + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", item, pairs, depth + 1);
                    index++;
                }

                break;
            case JsonValueKind.String:
                pairs.Add(new KeyValuePair<string, string>(prefix, value.GetString()!));
                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            default:
                pairs.Add(new KeyValuePair<string, string>(prefix, value.GetRawText()));
                break;
        }
    }
}
