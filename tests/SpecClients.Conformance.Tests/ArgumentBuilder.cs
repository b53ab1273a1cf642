using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecClients.Runtime.Http;
using SpecClients.Testing.Oracle;

namespace SpecClients.Conformance.Tests;

/// <summary>
/// Builds the arguments of a generated operation the way a careful user would: every parameter and every member set,
/// optional ones included; arrays and maps of two items; enum values drawn from the C# enum (so from the spec); strings
/// and numbers chosen from the spec's schema where the C# type cannot say (its example, its enum, its format, its
/// length and range limits). The C# type leads (it is what a user can write); the schema beside it, found by member and
/// parameter name, only refines the values. Seeded: the same seed builds the same arguments.
/// </summary>
internal sealed class ArgumentBuilder
{
    private const int OptionalDepth = 4;
    private const int MaxDepth = 10;
    private readonly JsonObject _document;
    private readonly Random _random;

    /// <summary>A builder for one spec.</summary>
    /// <param name="document">The spec, whose schemas refine the values.</param>
    /// <param name="seed">The seed.</param>
    public ArgumentBuilder(JsonObject document, int seed)
    {
        _document = document;
        _random = new Random(seed);
    }

    /// <summary>The arguments for <paramref name="method"/>, a generated operation of <paramref name="operation"/> (if known).</summary>
    /// <param name="method">The generated method.</param>
    /// <param name="operation">The spec operation it was generated from, or null when it could not be told.</param>
    /// <returns>One value per parameter; <see cref="System.Threading.CancellationToken.None"/> for the token.</returns>
    public object?[] Arguments(MethodInfo method, SpecOperation? operation)
    {
        var parameters = operation?.Parameters(_document) ?? [];
        return method.GetParameters().Select(parameter =>
        {
            if (parameter.ParameterType == typeof(System.Threading.CancellationToken))
            {
                return (object?)System.Threading.CancellationToken.None;
            }

            var specParameter = parameters.FirstOrDefault(p => SpecOperations.Comparable(p["name"]?.ToString() ?? string.Empty) == SpecOperations.Comparable(parameter.Name!));
            var schema = specParameter is not null ? specParameter["schema"] : parameter.Name == "body" && operation is not null ? BodySchema(operation) : null;
            return Value(parameter.ParameterType, schema, 0);
        }).ToArray();
    }

    private JsonNode? BodySchema(SpecOperation operation)
    {
        var content = (SpecOperations.Follow(_document, operation.Node["requestBody"]) as JsonObject)?["content"] as JsonObject;
        return content?.FirstOrDefault().Value?["schema"];
    }

    private object? Value(Type type, JsonNode? schemaNode, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("A required member chain of " + type + " nests deeper than " + MaxDepth + " levels.");
        }

        var schema = Schema(schemaNode);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Value(underlying, schemaNode, depth);
        }

        if (type == typeof(string))
        {
            return Text(schema);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return Convert.ChangeType(Number(schema, integral: type == typeof(int) || type == typeof(long) || type == typeof(short)), type, CultureInfo.InvariantCulture);
        }

        if (type == typeof(bool))
        {
            return _random.Next(2) == 0;
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(_random.Next(0, 86400 * 365));
        }

        if (type == typeof(DateOnly))
        {
            return new DateOnly(2026, 1, 1).AddDays(_random.Next(0, 365));
        }

        if (type == typeof(TimeOnly))
        {
            return new TimeOnly(_random.Next(0, 24), _random.Next(0, 60));
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromSeconds(_random.Next(1, 86400));
        }

        if (type == typeof(Guid))
        {
            var bytes = new byte[16];
            _random.NextBytes(bytes);
            return new Guid(bytes);
        }

        if (type == typeof(Uri))
        {
            return new Uri("https://example.com/conformance/" + _random.Next(1000).ToString(CultureInfo.InvariantCulture));
        }

        if (type == typeof(byte[]))
        {
            return Bytes();
        }

        if (type == typeof(Stream))
        {
            return new MemoryStream(Bytes());
        }

        if (type == typeof(FilePart))
        {
            return Activator.CreateInstance(type, new MemoryStream(Bytes()), "conformance.bin", "application/octet-stream");
        }

        if (type == typeof(JsonElement))
        {
            return Element(schema);
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(_random.Next(values.Length));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(IEnumerable<>)))
        {
            return List(type.GetGenericArguments()[0], schema, depth);
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || type.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
        {
            var valueType = type.GetGenericArguments()[1];
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            var valueSchema = schema?["additionalProperties"] as JsonObject;
            for (var i = 0; i < 2 && depth < OptionalDepth; i++)
            {
                map["key" + i.ToString(CultureInfo.InvariantCulture)] = Value(valueType, valueSchema, depth + 1);
            }

            return map;
        }

        if (RandomInstances.KnownValues(type) is { Count: > 0 } known)
        {
            return known[_random.Next(known.Count)];
        }

        if (RandomInstances.UnionFactories(type) is { Count: > 0 } factories)
        {
            var index = _random.Next(factories.Count);
            var factory = factories[index];
            var parameterType = factory.GetParameters()[0].ParameterType;
            return factory.Invoke(null, [Value(parameterType, Branch(schema, parameterType, index, factories.Count), depth + 1)]);
        }

        if (type.GetNestedType("JsonConverter") is not null && type.GetConstructor(Type.EmptyTypes) is { } constructor)
        {
            return Record(type, constructor, schema, depth);
        }

        throw new NotSupportedException("No argument for " + type);
    }

    private object List(Type item, JsonObject? schema, int depth)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        var maxItems = schema?["maxItems"] is JsonValue max ? (int)Numeric(max) : int.MaxValue;
        var count = Math.Min(depth >= OptionalDepth ? 1 : 2, maxItems);
        var itemSchema = schema?["items"];
        var unique = schema?["uniqueItems"] is JsonValue flag && flag.TryGetValue<bool>(out var isUnique) && isUnique;
        for (var attempt = 0; list.Count < count && attempt < 10; attempt++)
        {
            var value = Value(item, itemSchema, depth + 1);
            if (!unique || !list.Cast<object?>().Any(existing => Equals(existing, value)))
            {
                list.Add(value);
            }
        }

        return list;
    }

    // The AdditionalProperties bag stays empty: its members are whatever a user adds, not something the spec names.
    private object Record(Type type, ConstructorInfo constructor, JsonObject? schema, int depth)
    {
        var instance = constructor.Invoke(null);
        var properties = Properties(schema);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && p.Name != "AdditionalProperties"))
        {
            var required = property.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute");
            var member = properties.FirstOrDefault(p => SpecOperations.Comparable(p.Key) == SpecOperations.Comparable(property.Name));
            var readOnly = Schema(member.Value)?["readOnly"] is JsonValue flag && flag.TryGetValue<bool>(out var isReadOnly) && isReadOnly;
            if (!required && (depth >= OptionalDepth || readOnly))
            {
                // Deep optional members would make recursive schemas endless; readOnly ones are the server's to send.
                continue;
            }

            property.SetValue(instance, Value(property.PropertyType, member.Value, depth + 1));
        }

        return instance;
    }

    /// <summary>A schema object with its reference followed.</summary>
    private JsonObject? Schema(JsonNode? node) => SpecOperations.Follow(_document, node) as JsonObject;

    /// <summary>The members a schema declares, its <c>allOf</c> parts' included.</summary>
    private List<KeyValuePair<string, JsonNode?>> Properties(JsonObject? schema)
    {
        var members = new List<KeyValuePair<string, JsonNode?>>();
        if (schema is null)
        {
            return members;
        }

        members.AddRange((schema["properties"] as JsonObject) ?? []);
        foreach (var part in (schema["allOf"] as JsonArray) ?? [])
        {
            members.AddRange(Properties(Schema(part)));
        }

        return members;
    }

    /// <summary>The <c>oneOf</c>/<c>anyOf</c> branch a union factory stands for: by its type's name, else by position.</summary>
    private JsonNode? Branch(JsonObject? schema, Type branchType, int index, int count)
    {
        var branches = (schema?["oneOf"] as JsonArray) ?? (schema?["anyOf"] as JsonArray);
        if (branches is null)
        {
            return null;
        }

        var named = branches.FirstOrDefault(b => b?["$ref"]?.ToString() is { } target
            && SpecOperations.Comparable(target[(target.LastIndexOf('/') + 1)..]) == SpecOperations.Comparable(branchType.Name));
        return named ?? (branches.Count == count ? branches[index] : null);
    }

    private string Text(JsonObject? schema)
    {
        if (schema?["example"] is JsonValue example && example.TryGetValue<string>(out var exampleText))
        {
            return exampleText;
        }

        if (schema?["enum"] is JsonArray values && values.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() is { Count: > 0 } texts)
        {
            return texts[_random.Next(texts.Count)];
        }

        var number = _random.Next(1000).ToString(CultureInfo.InvariantCulture);
        var text = schema?["format"]?.ToString() switch
        {
            "date-time" => "2026-01-02T03:04:05Z",
            "date" => "2026-01-02",
            "time" => "03:04:05",
            "email" => "conformance" + number + "@example.com",
            "uuid" => new Guid(_random.Next(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).ToString(),
            "uri" or "url" => "https://example.com/conformance/" + number,
            "hostname" => "conformance.example.com",
            "ipv4" => "192.0.2." + (_random.Next(254) + 1).ToString(CultureInfo.InvariantCulture),
            "ipv6" => "2001:db8::" + (_random.Next(254) + 1).ToString(CultureInfo.InvariantCulture),
            "byte" => Convert.ToBase64String(Bytes()),
            _ => "conformance" + number,
        };
        var minLength = schema?["minLength"] is JsonValue min ? (int)Numeric(min) : 0;
        var maxLength = schema?["maxLength"] is JsonValue max ? (int)Numeric(max) : int.MaxValue;
        text = text.PadRight(minLength, 'x');
        return text.Length > maxLength ? text[..maxLength] : text;
    }

    private decimal Number(JsonObject? schema, bool integral)
    {
        if (schema?["example"] is JsonValue example && IsNumber(example) && Numeric(example) is var exampleNumber && (!integral || decimal.Truncate(exampleNumber) == exampleNumber))
        {
            return exampleNumber;
        }

        if (schema?["enum"] is JsonArray values && values.OfType<JsonValue>().Where(IsNumber).Select(Numeric).ToList() is { Count: > 0 } numbers)
        {
            return numbers[_random.Next(numbers.Count)];
        }

        var minimum = Bound(schema, "minimum", "exclusiveMinimum", 1, +1) ?? 1;
        var maximum = Bound(schema, "maximum", "exclusiveMaximum", 1, -1) ?? minimum + 100;
        var value = minimum + ((maximum - minimum) * (decimal)_random.NextDouble());
        value = integral ? Math.Ceiling(value) : Math.Round(value, 2);
        if (value > maximum)
        {
            value = integral ? Math.Floor(maximum) : maximum;
        }

        return schema?["multipleOf"] is JsonValue multiple && Numeric(multiple) is > 0 and var step ? Math.Ceiling(value / step) * step : value;
    }

    /// <summary>A range bound, made inclusive: 3.0's boolean exclusive flags and 3.1's numeric ones both.</summary>
    private static decimal? Bound(JsonObject? schema, string inclusive, string exclusive, decimal unit, int direction)
    {
        decimal? bound = schema?[inclusive] is JsonValue value ? Numeric(value) : null;
        if (schema?[exclusive] is JsonValue flag)
        {
            if (flag.TryGetValue<bool>(out var isExclusive))
            {
                return isExclusive && bound is { } b ? b + (direction * unit) : bound;
            }

            return Numeric(flag) + (direction * unit);
        }

        return bound;
    }

    /// <summary>A JSON number as a decimal, whichever CLR type the reader gave it.</summary>
    private static decimal Numeric(JsonValue value) => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool IsNumber(JsonValue value) => value.GetValueKind() == JsonValueKind.Number;

    private JsonElement Element(JsonObject? schema)
    {
        var json = schema?["example"] is { } example ? example.ToJsonString() : schema?["type"]?.ToString() switch
        {
            "string" => "\"conformance\"",
            "integer" or "number" => "7",
            "boolean" => "true",
            "array" => "[]",
            _ => "{}",
        };
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private byte[] Bytes()
    {
        var bytes = new byte[_random.Next(4, 17)];
        _random.NextBytes(bytes);
        return bytes;
    }
}
