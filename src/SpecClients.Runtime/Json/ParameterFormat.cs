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
    /// The <c>form</c> style pairs (query parameters) of a JSON value, by what it holds, as a union parameter holds
    /// one of its branches: a scalar is one pair; an array repeats the name per item when exploded
    /// (<c>ids=1&amp;ids=2</c>), else joins the items with commas (<c>ids=1,2</c>); an object gives a pair per member
    /// when exploded (<c>a=1&amp;b=2</c>), else <c>name=a,1,b,2</c>; null gives none. Strings are unquoted.
    /// </summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <param name="explode">The parameter's <c>explode</c>.</param>
    /// <returns>The pairs, in document order.</returns>
    public static IEnumerable<KeyValuePair<string, string>> Form(string name, JsonElement value, bool explode)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        var pairs = new List<KeyValuePair<string, string>>();
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.Array when explode:
                foreach (var item in value.EnumerateArray())
                {
                    pairs.Add(new KeyValuePair<string, string>(name, Format(item)));
                }

                break;
            case JsonValueKind.Object when explode:
                foreach (var member in value.EnumerateObject())
                {
                    pairs.Add(new KeyValuePair<string, string>(member.Name, Format(member.Value)));
                }

                break;
            default:
                pairs.Add(new KeyValuePair<string, string>(name, Simple(value, explode: false)));
                break;
        }

        return pairs;
    }

    /// <summary>
    /// The <c>simple</c> style text (path and header parameters) of a JSON value, by what it holds: a scalar as itself,
    /// an array's items joined with commas (<c>1,2</c>), an object's members as <c>a,1,b,2</c>, or <c>a=1,b=2</c> when
    /// exploded. Strings are unquoted.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="explode">The parameter's <c>explode</c>.</param>
    /// <returns>The text.</returns>
    public static string Simple(JsonElement value, bool explode) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(",", EnumerateItems(value)),
        JsonValueKind.Object => string.Join(",", EnumerateMembers(value, explode)),
        _ => Format(value),
    };

    private static IEnumerable<string> EnumerateItems(JsonElement array)
    {
        foreach (var item in array.EnumerateArray())
        {
            yield return Format(item);
        }
    }

    private static IEnumerable<string> EnumerateMembers(JsonElement obj, bool explode)
    {
        foreach (var member in obj.EnumerateObject())
        {
            if (explode)
            {
                yield return member.Name + "=" + Format(member.Value);
            }
            else
            {
                yield return member.Name;
                yield return Format(member.Value);
            }
        }
    }

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
    public static IEnumerable<KeyValuePair<string, string>> DeepObject<T>(string name, T value, JsonWriteAction<T> write) =>
        JsonWrite.WithElement(value, write, root => DeepObject(name, root));

    /// <summary>
    /// The <c>application/x-www-form-urlencoded</c> fields of a generated object, through its JSON: each member is a field,
    /// its value as <see cref="DeepObject(string, JsonElement)"/> writes one (nested objects and arrays as
    /// <c>name[key]</c> and <c>name[0]</c>, strings unquoted, nulls left out). One call per operation instead of code
    /// per field: form bodies such as Stripe's have dozens of fields, which every build compiles.
    /// </summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="value">The body.</param>
    /// <param name="write">Writes the body as a JSON object (the generated writer).</param>
    /// <returns>The fields, in the order the writer wrote them.</returns>
    public static IEnumerable<KeyValuePair<string, string?>> Form<T>(T value, JsonWriteAction<T> write) =>
        JsonWrite.WithElement(value, write, FormFields);

    private static List<KeyValuePair<string, string?>> FormFields(JsonElement root)
    {
        var fields = new List<KeyValuePair<string, string?>>();
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in root.EnumerateObject())
            {
                foreach (var pair in DeepObject(member.Name, member.Value))
                {
                    fields.Add(new KeyValuePair<string, string?>(pair.Key, pair.Value));
                }
            }
        }

        return fields;
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
