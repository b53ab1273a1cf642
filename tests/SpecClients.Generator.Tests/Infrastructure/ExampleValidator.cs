using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>
/// Checks an example against its own schema, for the keywords that decide how a value is read: <c>type</c> (with
/// <c>nullable</c>), <c>enum</c>, <c>const</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties</c>,
/// <c>items</c>, <c>allOf</c>, <c>oneOf</c>/<c>anyOf</c> (at least one branch) and the formats <c>date-time</c>,
/// <c>uuid</c>, <c>byte</c>, <c>int32</c>, <c>int64</c>. Lengths, patterns and ranges are not checked: a generated
/// reader does not enforce them either.
/// </summary>
internal static class ExampleValidator
{
    private static readonly Regex DateTime = new(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);

    /// <summary>The first reason the value does not fit the schema, or null when it fits.</summary>
    public static string? Validate(JsonNode? value, IOpenApiSchema schema) => Check(value, schema, "$", 0);

    private static string? Check(JsonNode? value, IOpenApiSchema schema, string path, int depth)
    {
        if (depth > 64)
        {
            return null;
        }

        if (schema is OpenApiSchemaReference { Target: null })
        {
            return null;
        }

        var type = schema.Type ?? 0;
        var kind = value is null ? JsonValueKind.Null : value.GetValueKind();
        if (kind == JsonValueKind.Null)
        {
            var nullable = schema.Type is null && schema.AllOf is not { Count: > 0 } && schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 } && schema.Properties is not { Count: > 0 } && schema.Enum is not { Count: > 0 }
                || (type & JsonSchemaType.Null) != 0
                || (schema.OneOf ?? schema.AnyOf)?.Any(b => Check(null, b, path, depth + 1) is null) == true
                || (schema.Enum?.Any(e => e is null) ?? false);
            return nullable ? null : path + ": null is not allowed";
        }

        var nonNull = type & ~JsonSchemaType.Null;
        if (nonNull != 0 && !Matches(value!, kind, nonNull))
        {
            return path + ": " + kind + " is not " + nonNull;
        }

        if (schema.Enum is { Count: > 0 } values && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            return path + ": " + Short(value) + " is not one of the enum values";
        }

        if (schema.Const is { } constant && (kind == JsonValueKind.String ? value!.GetValue<string>() : value!.ToJsonString()) != constant)
        {
            return path + ": " + Short(value) + " is not the const " + constant;
        }

        if (kind == JsonValueKind.String && FormatError(value!.GetValue<string>(), schema.Format) is { } formatError)
        {
            return path + ": " + formatError;
        }

        if (kind == JsonValueKind.Number && schema.Format is "int32" or "int64" && !IsInteger(value!, schema.Format))
        {
            return path + ": " + Short(value) + " is not an " + schema.Format;
        }

        if (kind == JsonValueKind.Number && nonNull == JsonSchemaType.Integer && !IsInteger(value!, "int64"))
        {
            return path + ": " + Short(value) + " is not an integer";
        }

        foreach (var part in schema.AllOf ?? new List<IOpenApiSchema>())
        {
            if (Check(value, part, path, depth + 1) is { } error)
            {
                return error;
            }
        }

        var branches = schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf;
        if (branches is { Count: > 0 })
        {
            var errors = branches.Select(b => Check(value, b, path, depth + 1)).ToList();
            if (errors.All(e => e is not null))
            {
                return path + ": no branch fits (" + errors[0] + ")";
            }
        }

        if (kind == JsonValueKind.Object)
        {
            var obj = value!.AsObject();
            foreach (var name in schema.Required ?? new HashSet<string>())
            {
                if (!obj.ContainsKey(name) && !(schema.Properties?.TryGetValue(name, out var p) == true && p.ReadOnly))
                {
                    return path + ": required member '" + name + "' is missing";
                }
            }

            foreach (var member in obj)
            {
                if (schema.Properties?.TryGetValue(member.Key, out var propertySchema) == true)
                {
                    if (Check(member.Value, propertySchema, path + "." + member.Key, depth + 1) is { } error)
                    {
                        return error;
                    }
                }
                else if (schema.AdditionalProperties is { } additional)
                {
                    if (Check(member.Value, additional, path + "." + member.Key, depth + 1) is { } error)
                    {
                        return error;
                    }
                }
                else if (!schema.AdditionalPropertiesAllowed && schema.AllOf is not { Count: > 0 })
                {
                    return path + ": member '" + member.Key + "' is not allowed";
                }
            }
        }

        if (kind == JsonValueKind.Array && schema.Items is { } items)
        {
            var array = value!.AsArray();
            for (var i = 0; i < array.Count; i++)
            {
                if (Check(array[i], items, path + "[" + i + "]", depth + 1) is { } error)
                {
                    return error;
                }
            }
        }

        return null;
    }

    private static bool Matches(JsonNode value, JsonValueKind kind, JsonSchemaType type) => kind switch
    {
        JsonValueKind.Object => (type & JsonSchemaType.Object) != 0,
        JsonValueKind.Array => (type & JsonSchemaType.Array) != 0,
        JsonValueKind.String => (type & JsonSchemaType.String) != 0,
        JsonValueKind.Number => (type & JsonSchemaType.Number) != 0 || ((type & JsonSchemaType.Integer) != 0 && IsInteger(value, "int64")),
        JsonValueKind.True or JsonValueKind.False => (type & JsonSchemaType.Boolean) != 0,
        _ => false,
    };

    private static bool IsInteger(JsonNode value, string format)
    {
        var text = value.ToJsonString();
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || decimal.Truncate(number) != number)
        {
            return false;
        }

        return format == "int32" ? number is >= int.MinValue and <= int.MaxValue : number is >= long.MinValue and <= long.MaxValue;
    }

    private static string? FormatError(string text, string? format) => format switch
    {
        "date-time" when !DateTime.IsMatch(text) => "'" + text + "' is not an RFC 3339 date-time",
        "uuid" when !Guid.TryParseExact(text, "D", out _) => "'" + text + "' is not a UUID",
        "byte" when !IsBase64(text) => "'" + Truncate(text) + "' is not base64",
        _ => null,
    };

    private static bool IsBase64(string text)
    {
        try
        {
            Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Short(JsonNode? value) => Truncate(value?.ToJsonString() ?? "null");

    private static string Truncate(string text) => text.Length > 60 ? text.Substring(0, 57) + "..." : text;
}
