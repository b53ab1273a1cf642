using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Parsing;

/// <summary>
/// Schema analysis as pure functions: which C# shape a schema takes (enum, record, union, alias), what is nullable,
/// what is secret. Nothing here names, registers or reports; <see cref="ModelBuilder"/> decides with these answers.
/// </summary>
internal static class SchemaClassifier
{
    /// <summary>
    /// Each reference's target, looked up once. Resolving is not a field read: Microsoft.OpenApi finds the target in
    /// its workspace through a URI on every <c>Target</c> and on every keyword read through the reference
    /// (<c>Type</c>, <c>OneOf</c>, …), which was a fifth of the generator's time on Stripe. A document never changes
    /// once read, so the answer is fixed; weak keys, so a document's references go with it (the compiler server keeps
    /// the generator loaded across builds).
    /// </summary>
    private static readonly ConditionalWeakTable<OpenApiSchemaReference, IOpenApiSchema> Targets = new();

    /// <summary>The schema a reference points at; the schema itself when it is no reference or does not resolve.</summary>
    public static IOpenApiSchema Target(IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference reference ? Targets.GetValue(reference, static r => r.Target ?? r) : schema;

    /// <summary>A reference's target; null when it does not resolve (what <see cref="OpenApiSchemaReference.Target"/> answers).</summary>
    public static IOpenApiSchema? ResolvedTarget(OpenApiSchemaReference reference) =>
        Target(reference) is var target && !ReferenceEquals(target, reference) ? target : null;

    /// <summary>
    /// What a schema's structural keywords come from: a reference's target (null when it does not resolve), or the
    /// schema itself. Microsoft.OpenApi's <see cref="OpenApiSchemaReference"/> answers <c>Type</c>, <c>Format</c>,
    /// <c>OneOf</c>, <c>AnyOf</c>, <c>Extensions</c> and the like from its target, so reading them off this gives the
    /// same answer with one cached lookup; only annotations (<c>Description</c>, <c>WriteOnly</c>, …) can differ on
    /// the reference.
    /// </summary>
    private static IOpenApiSchema? KeywordSource(IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference reference ? ResolvedTarget(reference) : schema;

    public static JsonSchemaType NonNullType(IOpenApiSchema schema) => (schema.Type ?? 0) & ~JsonSchemaType.Null;

    /// <summary>Whether the schema becomes a generated enum: a string <c>enum</c> list or a <c>oneOf</c> of <c>const</c>s.</summary>
    public static bool IsEnum(IOpenApiSchema schema) => IsStringEnum(schema) || ConstEnumBranches(schema) is not null;

    /// <summary>A string <c>enum</c> list (with <c>type: string</c> or no type).</summary>
    public static bool IsStringEnum(IOpenApiSchema schema) =>
        schema.Enum is { Count: > 0 } values
        && (NonNullType(schema) == JsonSchemaType.String || (NonNullType(schema) == 0 && schema.Properties is not { Count: > 0 }))
        && values.Any(v => v is JsonValue)
        && values.All(v => v is null || v is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String);

    /// <summary>
    /// OpenAPI 3.1's way of documenting each value: a <c>oneOf</c> whose branches are all inline <c>const</c>s (beside
    /// a <c>title</c> and <c>description</c>, and at most a <c>null</c> branch), all strings or all integers. Null when
    /// the schema is anything else. A branch's type comes from its own <c>type</c>, else the schema's, else its value
    /// (the reader keeps a <c>const</c> as text, so an untyped <c>"42"</c> counts as an integer).
    /// </summary>
    public static (bool IsInteger, List<IOpenApiSchema> Branches)? ConstEnumBranches(IOpenApiSchema schema)
    {
        if (schema.OneOf is not { Count: > 0 } oneOf || schema.Properties is { Count: > 0 } || schema.AllOf is { Count: > 0 }
            || schema.AnyOf is { Count: > 0 } || schema.Enum is { Count: > 0 }
            || NonNullType(schema) is not (0 or JsonSchemaType.String or JsonSchemaType.Integer))
        {
            return null;
        }

        var branches = new List<IOpenApiSchema>();
        bool? isInteger = null;
        foreach (var branch in oneOf)
        {
            if (branch is OpenApiSchemaReference)
            {
                return null;
            }

            if (IsNullOnly(branch))
            {
                continue;
            }

            if (branch.Const is not { } constant || !IsPlainConst(branch) || branch.OneOf is { Count: > 0 } || branch.AnyOf is { Count: > 0 }
                || branch.AllOf is { Count: > 0 } || branch.Enum is { Count: > 0 })
            {
                return null;
            }

            var type = NonNullType(branch) != 0 ? NonNullType(branch) : NonNullType(schema);
            var integer = type switch
            {
                JsonSchemaType.Integer => IsInteger(constant) ? true : (bool?)null,
                JsonSchemaType.String => false,
                _ => constant is "true" or "false" ? null : IsInteger(constant),
            };
            if (integer is null || (isInteger is { } known && known != integer))
            {
                return null;
            }

            isInteger = integer;
            branches.Add(branch);
        }

        return isInteger is { } kind ? (kind, branches) : null;
    }

    private static bool IsInteger(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);

    public static bool IsRecord(IOpenApiSchema schema)
    {
        if (schema.Properties is { Count: > 0 })
        {
            return true;
        }

        if (schema.AllOf is { Count: > 0 } && AllOfAlias(schema) is null && schema.AllOf.Any(IsSubstantive))
        {
            return true;
        }

        // `type: object` that allows no members (Stripe's empty form bodies) is a record with none, not a dictionary;
        // a discriminator marks a base type whose subtypes extend it.
        if (NonNullType(schema) == JsonSchemaType.Object && schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 }
            && ((!schema.AdditionalPropertiesAllowed && schema.AdditionalProperties is null) || schema.Discriminator?.PropertyName is not null))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// A string's C# type by format. <c>binary</c> inside a JSON value can only travel as text, so it is read and written
    /// as base64 like <c>byte</c>; raw binary bodies (octet-stream) and multipart file parts (<c>FilePart</c>) never come
    /// through here.
    /// </summary>
    public static TypeRef MapString(IOpenApiSchema schema) => schema.Format switch
    {
        "date-time" => new TypeRef(TypeKind.DateTimeOffset, "global::System.DateTimeOffset"),
        "uuid" => new TypeRef(TypeKind.Guid, "global::System.Guid"),
        "byte" or "binary" => new TypeRef(TypeKind.Bytes, "byte[]"),
        _ => TypeRef.String,
    };

    /// <summary>A <c>const</c> without a type: its value says which JSON type it is (the reader keeps it as text).</summary>
    public static TypeRef ConstType(string value) =>
        value is "true" or "false" ? new TypeRef(TypeKind.Boolean, "bool")
        : long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _) ? new TypeRef(TypeKind.Int64, "long")
        : TypeRef.String;

    /// <summary>
    /// <c>allOf</c> that only wraps one schema (to add a description, or <c>nullable</c>, beside a <c>$ref</c>) is that
    /// schema, not a new record.
    /// </summary>
    public static SchemaBranch? AllOfAlias(IOpenApiSchema schema)
    {
        if (schema.AllOf is not { Count: > 0 } allOf || schema.Properties is { Count: > 0 } || schema.OneOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 })
        {
            return null;
        }

        var substantive = Branches(allOf).Where(b => IsSubstantive(b.Schema)).ToList();
        if (substantive.Count == 1)
        {
            return substantive[0];
        }

        // Several parts, none of them an object: a record would not read the value; keep the first part's type.
        if (substantive.Count > 1 && !substantive.Any(b => IsObjectLike(Target(b.Schema))))
        {
            return substantive[0];
        }

        return null;
    }

    /// <summary>Whether an allOf part constrains the value, rather than only annotating it (description, nullable, example).</summary>
    public static bool IsSubstantive(IOpenApiSchema part) =>
        part is OpenApiSchemaReference
        || NonNullType(part) != 0
        || part.Properties is { Count: > 0 }
        || part.Items is not null
        || part.AllOf is { Count: > 0 }
        || part.OneOf is { Count: > 0 }
        || part.AnyOf is { Count: > 0 }
        || part.Enum is { Count: > 0 }
        || part.AdditionalProperties is not null
        || part.Const is not null;

    public static bool IsObjectLike(IOpenApiSchema schema) => IsObjectLike(schema, 0);

    // allOf can loop (A allOf B, B allOf A): a depth bound keeps this from overflowing the compiler's stack.
    public static bool IsObjectLike(IOpenApiSchema schema, int depth) =>
        depth <= 32
        && (schema.Properties is { Count: > 0 }
            || NonNullType(schema) == JsonSchemaType.Object
            || schema.AdditionalProperties is not null
            || (schema.AllOf is { Count: > 0 } parts && parts.Any(p => IsObjectLike(Target(p), depth + 1))));

    public static bool IsNullable(IOpenApiSchema? schema)
    {
        if (schema is null)
        {
            return true;
        }

        if (KeywordSource(schema) is not { } keywords)
        {
            return false;
        }

        if (keywords.Type is { } type && (type & JsonSchemaType.Null) != 0)
        {
            return true;
        }

        var branches = keywords.OneOf ?? keywords.AnyOf;
        return branches is not null && branches.Any(b => Target(b).Type == JsonSchemaType.Null);
    }

    public static bool IsSensitive(IOpenApiSchema schema)
    {
        var keywords = KeywordSource(schema);
        if (keywords?.Format == "password" || WriteOnly(schema, keywords))
        {
            return true;
        }

        return keywords?.Extensions is { } extensions
            && extensions.TryGetValue("x-sensitive", out var extension)
            && extension is JsonNodeExtension { Node: JsonValue value }
            && value.TryGetValue<bool>(out var flag) && flag;
    }

    /// <summary>Specs published as-is (FinCode's <c>password</c>) rarely mark secrets, so names that say so count too.</summary>
    public static bool HasSecretName(string jsonName)
    {
        var name = jsonName.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();
        return name.Contains("password") || name.Contains("secret") || name.EndsWith("token", StringComparison.Ordinal) || name == "apikey" || name == "username";
    }

    /// <summary>The branches of a <c>oneOf</c> (or else <c>anyOf</c>) with their indexes; null when the schema has neither.</summary>
    public static (string Keyword, List<SchemaBranch> Branches)? UnionBranches(IOpenApiSchema schema)
    {
        var (keyword, list) = schema.OneOf is { Count: > 0 } ? ("oneOf", schema.OneOf) : schema.AnyOf is { Count: > 0 } ? ("anyOf", schema.AnyOf) : (null, null);
        if (keyword is null || list is null)
        {
            return null;
        }

        return (keyword, Branches(list));
    }

    private static List<SchemaBranch> Branches(IList<IOpenApiSchema> list)
    {
        var branches = new List<SchemaBranch>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            branches.Add(new SchemaBranch(list[i], i));
        }

        return branches;
    }

    /// <summary>A branch that only allows <c>null</c> (<c>type: 'null'</c>): it makes the value nullable, not a branch.</summary>
    /// <summary><c>writeOnly</c> as <see cref="OpenApiSchemaReference"/> answers it (the reference's own, else its target's), with the target already looked up.</summary>
    private static bool WriteOnly(IOpenApiSchema schema, IOpenApiSchema? keywords) =>
        schema is OpenApiSchemaReference reference ? reference.Reference.WriteOnly ?? keywords?.WriteOnly ?? false : schema.WriteOnly;

    public static bool IsNullOnly(IOpenApiSchema branch)
    {
        var target = Target(branch);
        return target.Type == JsonSchemaType.Null && target.Properties is not { Count: > 0 } && target.Enum is not { Count: > 0 };
    }

    /// <summary>
    /// Whether the branches need no union: one non-null branch, or inline branches of one primitive type of which one
    /// allows any value (Stripe's <c>anyOf: [string, enum: [""]]</c> is a string).
    /// </summary>
    public static bool CollapsesToOneType(List<SchemaBranch> branches)
    {
        var nonNull = branches.Where(b => !IsNullOnly(b.Schema)).ToList();
        if (nonNull.Count <= 1)
        {
            return true;
        }

        if (nonNull.Any(b => b.Schema is OpenApiSchemaReference || !IsPlainPrimitive(b.Schema)))
        {
            return false;
        }

        var type = NonNullType(nonNull[0].Schema);
        var format = nonNull[0].Schema.Format ?? string.Empty;
        var oneTypeAndFormat = nonNull.All(b => NonNullType(b.Schema) == type && (b.Schema.Format ?? string.Empty) == format);
        return oneTypeAndFormat && nonNull.Any(b => b.Schema.Enum is not { Count: > 0 } && b.Schema.Const is null)
            && nonNull[0].Schema.Enum is not { Count: > 0 } && nonNull[0].Schema.Const is null;
    }

    public static bool IsPlainPrimitive(IOpenApiSchema schema) =>
        NonNullType(schema) is JsonSchemaType.String or JsonSchemaType.Integer or JsonSchemaType.Number or JsonSchemaType.Boolean
        && schema.Properties is not { Count: > 0 }
        && schema.AllOf is not { Count: > 0 }
        && schema.OneOf is not { Count: > 0 }
        && schema.AnyOf is not { Count: > 0 };

    public static IReadOnlyList<JsonSchemaType> TypeArrayBranches(JsonSchemaType type)
    {
        var order = new[] { JsonSchemaType.Object, JsonSchemaType.Array, JsonSchemaType.String, JsonSchemaType.Integer, JsonSchemaType.Number, JsonSchemaType.Boolean };
        return order.Where(t => (type & t) != 0).ToList();
    }

    public static bool IsPlainConst(IOpenApiSchema schema) =>
        NonNullType(schema) is 0 or JsonSchemaType.String or JsonSchemaType.Integer or JsonSchemaType.Boolean
        && schema.Properties is not { Count: > 0 };

    private static readonly Dictionary<string, IOpenApiSchema> NoProperties = new();

    public static IEnumerable<string> EnumValues(IOpenApiSchema schema)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in schema.Enum ?? new List<JsonNode>())
        {
            if (value is JsonValue json && json.GetValueKind() == System.Text.Json.JsonValueKind.String && json.GetValue<string>() is { } text && seen.Add(text))
            {
                yield return text;
            }
        }
    }

    /// <summary>What an object branch requires and declares, with allOf parts merged, to tell branches apart.</summary>
    public static (EquatableArray<string> Required, EquatableArray<string> Known, EquatableArray<UnionConstraintSpec> Constraints, bool Closed) ObjectShape(IOpenApiSchema schema)
    {
        var required = new SortedSet<string>(StringComparer.Ordinal);
        var known = new SortedSet<string>(StringComparer.Ordinal);
        var constraints = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var visited = new HashSet<IOpenApiSchema>(ReferenceComparer.Instance);

        void Add(IOpenApiSchema part, int depth)
        {
            var target = Target(part);
            if (depth > 32 || !visited.Add(target))
            {
                return;
            }

            foreach (var name in target.Required ?? (ISet<string>)new HashSet<string>())
            {
                required.Add(name);
            }

            foreach (var property in target.Properties ?? NoProperties)
            {
                known.Add(property.Key);
                var propertySchema = Target(property.Value);
                if (propertySchema.Const is { } constant)
                {
                    constraints[property.Key] = new[] { constant };
                }
                else if (IsStringEnum(propertySchema) && !constraints.ContainsKey(property.Key))
                {
                    constraints[property.Key] = EnumValues(propertySchema).ToArray();
                }
            }

            foreach (var part2 in target.AllOf ?? new List<IOpenApiSchema>())
            {
                Add(part2, depth + 1);
            }
        }

        Add(schema, 0);
        var closed = !schema.AdditionalPropertiesAllowed && schema.AdditionalProperties is null && schema.AllOf is not { Count: > 0 };
        return (
            required.ToEquatableArray(),
            known.ToEquatableArray(),
            constraints.Keys.OrderBy(key => key, StringComparer.Ordinal).Select(key => new UnionConstraintSpec(key, constraints[key].ToEquatableArray())).ToEquatableArray(),
            closed);
    }

    public static string? FormatOf(TypeRef type) => type.Kind switch
    {
        TypeKind.DateTimeOffset => "date-time",
        TypeKind.Guid => "uuid",
        TypeKind.Bytes => "byte",
        _ => null,
    };
}
