using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace SpecClients.Testing.Oracle;

/// <summary>Which way a body travels: OpenAPI leaves <c>readOnly</c> members out of requests and <c>writeOnly</c> ones out of responses.</summary>
public enum BodyDirection
{
    /// <summary>A body the client sends: a required <c>readOnly</c> member may be missing.</summary>
    Request,

    /// <summary>A body the client reads: a required <c>writeOnly</c> member may be missing.</summary>
    Response,
}

/// <summary>
/// Turns one schema of an OpenAPI 3.0 or 3.1 document into a self-contained JSON Schema that NJsonSchema validates
/// with: the schema at the root, every schema it references (transitively) under <c>definitions</c> with its
/// <c>$ref</c> rewritten to <c>#/definitions/…</c>. Only validation keywords are kept (OpenAPI's <c>discriminator</c>,
/// <c>xml</c>, <c>example</c> and the annotations are dropped); 3.0's <c>nullable: true</c> becomes a type union (or an
/// <c>anyOf</c> with <c>{type: null}</c> where the schema is more than a type); <c>const</c> becomes a one-value
/// <c>enum</c>; a <c>$ref</c> with constraining siblings becomes an <c>allOf</c>; required members the direction
/// excuses are dropped. References that cannot be followed (external, or dangling) accept anything and are listed in
/// <see cref="Conversion.Unresolved"/>.
/// </summary>
public static class OpenApiJsonSchema
{
    private static readonly string[] s_copied =
    {
        "type", "enum", "format", "minimum", "maximum", "multipleOf", "minLength", "maxLength", "pattern",
        "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
    };

    private static readonly string[] s_schemaLists = { "allOf", "anyOf", "oneOf" };

    /// <summary>Converts the schema at <paramref name="schemaPointer"/> of <paramref name="document"/>.</summary>
    /// <param name="document">The whole OpenAPI document.</param>
    /// <param name="schemaPointer">A JSON pointer fragment, e.g. <c>#/components/schemas/Pet</c>.</param>
    /// <param name="direction">Whether the body is sent or read.</param>
    /// <returns>The JSON Schema and what could not be followed.</returns>
    public static Conversion Convert(JsonObject document, string schemaPointer, BodyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(document);
        var converter = new Converter(document, direction);
        var root = converter.Schema(Resolve(document, schemaPointer), 0);
        // Before draft 2019-09 a $ref's siblings are ignored, "definitions" included: a root that is only a $ref is
        // wrapped, or the definitions it points into would not exist for the validator.
        var schema = root is JsonObject rootObject && !rootObject.ContainsKey("$ref") ? rootObject : new JsonObject { ["allOf"] = new JsonArray(root) };
        converter.DrainDefinitions();
        if (converter.Definitions.Count > 0)
        {
            schema["definitions"] = converter.Definitions;
        }

        return new Conversion(schema, converter.Unresolved);
    }

    /// <summary>The node a local JSON pointer (<c>#/a/b~1c/0</c>) designates, or null.</summary>
    /// <param name="document">The document.</param>
    /// <param name="pointer">The pointer, with or without its leading <c>#</c>.</param>
    /// <returns>The node, or null when the pointer leads nowhere.</returns>
    public static JsonNode? Resolve(JsonNode document, string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        JsonNode? node = document;
        foreach (var raw in pointer.TrimStart('#').Split('/').Skip(1))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            for (var hops = 0; hops < 16 && node is JsonObject referring && !referring.ContainsKey(token)
                && referring["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith('#'); hops++)
            {
                // A pointer the generator builds walks through referenced parameters and bodies (…/parameters/0/schema).
                node = Resolve(document, target);
            }

            node = node switch
            {
                JsonObject obj => obj.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private sealed class Converter
    {
        private readonly JsonObject _document;
        private readonly BodyDirection _direction;
        private readonly bool _is30;
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
        private readonly Queue<(string Pointer, string Name)> _pending = new();

        public Converter(JsonObject document, BodyDirection direction)
        {
            _document = document;
            _direction = direction;
            _is30 = (document["openapi"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? document["openapi"]!.GetValue<string>() : string.Empty)
                .StartsWith("3.0", StringComparison.Ordinal);
        }

        public JsonObject Definitions { get; } = new();

        public List<string> Unresolved { get; } = new();

        public void DrainDefinitions()
        {
            while (_pending.Count > 0)
            {
                var (pointer, name) = _pending.Dequeue();
                Definitions[name] = Schema(Resolve(_document, pointer), 0);
            }
        }

        public JsonNode Schema(JsonNode? node, int depth)
        {
            if (depth > 200)
            {
                throw new InvalidOperationException("An inline schema nests deeper than 200 levels.");
            }

            if (node is JsonValue flag && flag.TryGetValue<bool>(out var accepts))
            {
                // 3.1 boolean schemas.
                return accepts ? new JsonObject() : new JsonObject { ["not"] = new JsonObject() };
            }

            if (node is not JsonObject source)
            {
                return new JsonObject();
            }

            var result = new JsonObject();
            foreach (var key in s_copied)
            {
                if (source.TryGetPropertyValue(key, out var value) && value is not null)
                {
                    result[key] = value.DeepClone();
                }
            }

            if (source["const"] is { } constant)
            {
                result["enum"] = new JsonArray(constant.DeepClone());
            }

            ExclusiveBound(source, result, "exclusiveMinimum", "minimum");
            ExclusiveBound(source, result, "exclusiveMaximum", "maximum");

            if (source["properties"] is JsonObject properties)
            {
                var converted = new JsonObject();
                foreach (var property in properties)
                {
                    converted[property.Key] = Schema(property.Value, depth + 1);
                }

                result["properties"] = converted;
            }

            if (source["patternProperties"] is JsonObject patterns)
            {
                var converted = new JsonObject();
                foreach (var pattern in patterns)
                {
                    converted[pattern.Key] = Schema(pattern.Value, depth + 1);
                }

                result["patternProperties"] = converted;
            }

            if (source["required"] is JsonArray required)
            {
                var kept = required.Select(r => r?.GetValue<string>()).Where(r => r is not null && !Excused(properties: source["properties"] as JsonObject, r)).ToList();
                if (kept.Count > 0)
                {
                    result["required"] = new JsonArray(kept.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
                }
            }

            if (source.TryGetPropertyValue("additionalProperties", out var additional) && additional is not null)
            {
                result["additionalProperties"] = additional is JsonValue b && b.TryGetValue<bool>(out var allowed) ? JsonValue.Create(allowed) : Schema(additional, depth + 1);
            }

            if (source["items"] is JsonArray tuple)
            {
                result["items"] = new JsonArray(tuple.Select(i => Schema(i, depth + 1)).ToArray());
            }
            else if (source.TryGetPropertyValue("items", out var items) && items is not null)
            {
                result["items"] = Schema(items, depth + 1);
            }

            if (source.TryGetPropertyValue("not", out var not) && not is not null)
            {
                result["not"] = Schema(not, depth + 1);
            }

            foreach (var keyword in s_schemaLists)
            {
                if (source[keyword] is JsonArray list && list.Count > 0)
                {
                    result[keyword] = new JsonArray(list.Select(s => Schema(s, depth + 1)).ToArray());
                }
            }

            if (source["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target))
            {
                var pointer = Reference(target);
                JsonNode referenced = pointer is null ? new JsonObject() : new JsonObject { ["$ref"] = pointer };
                if (result.Count == 0 || _is30)
                {
                    // 3.0 ignores a $ref's siblings; 3.1 applies them beside it.
                    result = (JsonObject)referenced;
                }
                else
                {
                    result = new JsonObject { ["allOf"] = new JsonArray(referenced, result) };
                }
            }

            return _is30 && source["nullable"] is JsonValue nullable && nullable.TryGetValue<bool>(out var isNullable) && isNullable ? Nullable(result) : result;
        }

        /// <summary>3.0's <c>nullable: true</c>: a type union when the schema is only a type, else <c>anyOf</c> with null.</summary>
        private static JsonObject Nullable(JsonObject schema)
        {
            var onlyTyped = schema["type"] is JsonValue && !schema.ContainsKey("$ref") && !schema.ContainsKey("enum")
                && !s_schemaLists.Any(schema.ContainsKey) && !schema.ContainsKey("not");
            if (onlyTyped)
            {
                schema["type"] = new JsonArray(JsonValue.Create(schema["type"]!.GetValue<string>()), JsonValue.Create("null"));
                return schema;
            }

            return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
        }

        /// <summary>3.0's boolean <c>exclusiveMinimum</c> (beside <c>minimum</c>) becomes 3.1's (and draft 6's) number.</summary>
        private static void ExclusiveBound(JsonObject source, JsonObject result, string exclusive, string bound)
        {
            if (source[exclusive] is not JsonValue value)
            {
                return;
            }

            if (value.TryGetValue<bool>(out var isExclusive))
            {
                if (isExclusive && source[bound] is { } limit)
                {
                    result.Remove(bound);
                    result[exclusive] = limit.DeepClone();
                }
            }
            else
            {
                result[exclusive] = value.DeepClone();
            }
        }

        private bool Excused(JsonObject? properties, string? name)
        {
            if (name is null || properties?[name] is not JsonObject property)
            {
                return false;
            }

            var keyword = _direction == BodyDirection.Request ? "readOnly" : "writeOnly";
            var target = property["$ref"] is JsonValue r && r.TryGetValue<string>(out var pointer) && pointer.StartsWith('#') ? Resolve(_document, pointer) as JsonObject : null;
            return IsTrue(property[keyword]) || IsTrue(target?[keyword]);
        }

        private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

        /// <summary>The definitions pointer a <c>$ref</c> becomes; null (accept anything) when it cannot be followed.</summary>
        private string? Reference(string target)
        {
            if (!target.StartsWith('#') || Resolve(_document, target) is null)
            {
                Unresolved.Add(target);
                return null;
            }

            if (!_names.TryGetValue(target, out var name))
            {
                const string Components = "#/components/schemas/";
                var readable = target.StartsWith(Components, StringComparison.Ordinal) ? target.Substring(Components.Length) : target.TrimStart('#', '/');
                name = Sanitize(readable);
                while (_names.ContainsValue(name))
                {
                    name += "_";
                }

                _names[target] = name;
                _pending.Enqueue((target, name));
            }

            return "#/definitions/" + name;
        }

        /// <summary>A definitions key that needs no escaping in a pointer.</summary>
        private static string Sanitize(string name)
        {
            var text = new StringBuilder(name.Length);
            foreach (var c in name)
            {
                text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
            }

            return text.ToString();
        }
    }
}

/// <summary>A converted schema and the references the conversion could not follow.</summary>
/// <param name="Schema">The JSON Schema, definitions included.</param>
/// <param name="Unresolved">The <c>$ref</c>s replaced by an empty (accept-anything) schema.</param>
public sealed record Conversion(JsonObject Schema, IReadOnlyList<string> Unresolved);
