using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Input;
using SpecClients.Generator.Model;
using SpecClients.Generator.Naming;

namespace SpecClients.Generator.Parsing;

/// <summary>Walks an <see cref="OpenApiDocument"/> once and builds the equatable model, naming every type and member.</summary>
internal sealed partial class ModelBuilder
{
    private static readonly string[] RecordReservedMembers =
    {
        "JsonConverter", "EqualityContract", "ToString", "Equals", "GetHashCode", "PrintMembers", "Deconstruct",
        "Clone", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    private readonly SpecInput _input;
    private readonly SpecContext _context;
    private readonly OpenApiDocument _document;
    private readonly YamlDocumentTree _tree;
    private readonly ImmutableArray<DiagnosticInfo>.Builder _diagnostics;
    private readonly CancellationToken _cancellationToken;

    private readonly NameScope _typeNames;
    private readonly Dictionary<string, string> _componentTypeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeRef> _componentRefs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _componentsInProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectSpec> _objects = new(StringComparer.Ordinal);
    private readonly List<TypeSpec> _types = new();

    public ModelBuilder(SpecInput input, SpecContext context, OpenApiDocument document, YamlDocumentTree tree, ImmutableArray<DiagnosticInfo>.Builder diagnostics, CancellationToken cancellationToken)
    {
        _input = input;
        _context = context;
        _document = document;
        _tree = tree;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
        _typeNames = new NameScope(new[] { input.ClientName, input.ClientName + "Options", input.ClientName + "Auth", input.ClientName + "ServiceCollectionExtensions", ServerEnumName });
    }

    private string ServerEnumName => (_input.ClientName.EndsWith("Client", StringComparison.Ordinal) ? _input.ClientName.Substring(0, _input.ClientName.Length - 6) : _input.ClientName) + "Server";

    public ApiSpec Build()
    {
        var schemas = _document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();

        // Name every component first, so references resolve and inline types yield to component names.
        foreach (var name in schemas.Keys.OrderBy(n => n, StringComparer.Ordinal))
        {
            var wanted = Identifiers.Pascal(name);
            var claimed = _typeNames.Claim(wanted);
            if (claimed != wanted)
            {
                Report(DiagnosticDescriptors.NameCollision, ComponentPointer(name), ComponentPointer(name), wanted, claimed);
            }

            _componentTypeNames[name] = claimed;
        }

        foreach (var pair in schemas)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            ResolveComponent(pair.Key);
        }

        var client = BuildClient();
        ResolveDiagnostics();
        var types = _types.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray();
        return new ApiSpec(_context, types, client);
    }

    private static string ComponentPointer(string name) => "#/components/schemas/" + Escape(name);

    internal static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    // Positions are found in one pass over the YAML at the end (ResolveDiagnostics), not one pass per diagnostic.
    private readonly List<(string Id, string Pointer, string[] Arguments)> _pending = new();

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string pointer, params string[] arguments) =>
        _pending.Add((descriptor.Id, pointer, arguments));

    private void ResolveDiagnostics()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var locations = _tree.LocateAll(_pending.Select(p => (string?)p.Pointer).ToList());
        for (var i = 0; i < _pending.Count; i++)
        {
            _diagnostics.Add(new DiagnosticInfo(_pending[i].Id, locations[i], _pending[i].Arguments.ToEquatableArray()));
        }
    }

    /// <summary>The type a component schema maps to, building its record or enum the first time.</summary>
    private TypeRef ResolveComponent(string name)
    {
        if (_componentRefs.TryGetValue(name, out var known))
        {
            return known;
        }

        var schema = _document.Components!.Schemas![name];
        var csName = _componentTypeNames[name];
        var pointer = ComponentPointer(name);
        var qualified = Qualify(csName);

        if (IsEnum(schema))
        {
            var enumRef = new TypeRef(TypeKind.Enum, qualified);
            _componentRefs[name] = enumRef;
            _typeNames.Claim(csName + "Extensions");
            _types.Add(BuildEnum(csName, schema));
            return enumRef;
        }

        if (IsRecord(schema))
        {
            var objectRef = new TypeRef(TypeKind.Object, qualified);
            _componentRefs[name] = objectRef;
            BuildObject(csName, schema, pointer);
            return objectRef;
        }

        // Aliases (arrays, primitives, compositions) map to their underlying type; guard against alias cycles.
        if (!_componentsInProgress.Add(name))
        {
            Report(DiagnosticDescriptors.UnsupportedSchema, pointer, pointer, "a schema that refers to itself without an object in between");
            return TypeRef.Any;
        }

        var alias = MapSchema(schema, pointer, csName);
        _componentsInProgress.Remove(name);
        _componentRefs[name] = alias;
        return alias;
    }

    private string Qualify(string typeName) => "global::" + _context.Namespace + "." + typeName;

    private static IOpenApiSchema Target(IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference reference && reference.Target is not null ? reference.Target : schema;

    private static JsonSchemaType NonNullType(IOpenApiSchema schema) => (schema.Type ?? 0) & ~JsonSchemaType.Null;

    private static bool IsEnum(IOpenApiSchema schema) =>
        schema.Enum is { Count: > 0 } values
        && NonNullType(schema) == JsonSchemaType.String
        && values.All(v => v is null || v is JsonValue value && value.TryGetValue<string>(out _));

    private static bool IsRecord(IOpenApiSchema schema)
    {
        if (schema.Properties is { Count: > 0 })
        {
            return true;
        }

        if (schema.AllOf is { Count: > 1 } || (schema.AllOf is { Count: 1 } && schema.Properties is { Count: > 0 }))
        {
            return true;
        }

        return false;
    }

    /// <summary>Maps a schema to a C# type, creating inline records and enums named after <paramref name="nameHint"/>.</summary>
    private TypeRef MapSchema(IOpenApiSchema? schema, string pointer, string nameHint)
    {
        if (schema is null)
        {
            return TypeRef.Any;
        }

        if (schema is OpenApiSchemaReference reference)
        {
            var id = reference.Reference?.Id;
            if (reference.Target is null || id is null)
            {
                Report(DiagnosticDescriptors.UnresolvedReference, pointer, pointer, reference.Reference?.ReferenceV3 ?? id ?? "?");
                return TypeRef.Any;
            }

            if (_componentTypeNames.ContainsKey(id))
            {
                return ResolveComponent(id);
            }

            return MapSchema(reference.Target, pointer, nameHint);
        }

        if (IsEnum(schema))
        {
            var enumName = _typeNames.Claim(nameHint);
            _typeNames.Claim(enumName + "Extensions");
            _types.Add(BuildEnum(enumName, schema));
            return new TypeRef(TypeKind.Enum, Qualify(enumName));
        }

        if (IsRecord(schema))
        {
            var recordName = _typeNames.Claim(nameHint);
            BuildObject(recordName, schema, pointer);
            return new TypeRef(TypeKind.Object, Qualify(recordName));
        }

        if (schema.AllOf is { Count: 1 })
        {
            return MapSchema(schema.AllOf[0], pointer + "/allOf/0", nameHint);
        }

        var branches = schema.OneOf is { Count: > 0 } ? ("oneOf", schema.OneOf) : schema.AnyOf is { Count: > 0 } ? ("anyOf", schema.AnyOf) : (null, null);
        if (branches.Item2 is not null)
        {
            var nonNull = branches.Item2.Select((s, i) => (s, i)).Where(b => NonNullType(Target(b.s)) != 0 || Target(b.s).Type is null).ToList();
            if (nonNull.Count == 1)
            {
                return MapSchema(nonNull[0].s, pointer + "/" + branches.Item1 + "/" + nonNull[0].i, nameHint);
            }

            Report(DiagnosticDescriptors.UnsupportedSchema, pointer, pointer, branches.Item1 + " with " + branches.Item2.Count + " branches");
            return TypeRef.Any;
        }

        var type = NonNullType(schema);
        switch (type)
        {
            case JsonSchemaType.String:
                return schema.Format switch
                {
                    "date-time" => new TypeRef(TypeKind.DateTimeOffset, "global::System.DateTimeOffset"),
                    "uuid" => new TypeRef(TypeKind.Guid, "global::System.Guid"),
                    "byte" => new TypeRef(TypeKind.Bytes, "byte[]"),
                    "binary" => new TypeRef(TypeKind.Binary, "global::System.IO.Stream"),
                    _ => TypeRef.String,
                };
            case JsonSchemaType.Integer:
                return schema.Format == "int32"
                    ? new TypeRef(TypeKind.Int32, "int")
                    : new TypeRef(TypeKind.Int64, "long");
            case JsonSchemaType.Number:
                return schema.Format switch
                {
                    "float" => new TypeRef(TypeKind.Single, "float"),
                    "decimal" => new TypeRef(TypeKind.Decimal, "decimal"),
                    "int32" => new TypeRef(TypeKind.Int32, "int"),
                    "int64" => new TypeRef(TypeKind.Int64, "long"),
                    _ => new TypeRef(TypeKind.Double, "double"),
                };
            case JsonSchemaType.Boolean:
                return new TypeRef(TypeKind.Boolean, "bool");
            case JsonSchemaType.Array:
                var items = MapSchema(schema.Items, pointer + "/items", nameHint + "Item");
                return new TypeRef(TypeKind.Array, string.Empty, items);
            case JsonSchemaType.Object:
            case 0 when schema.AdditionalProperties is not null:
                var values = schema.AdditionalProperties is null ? TypeRef.Any : MapSchema(schema.AdditionalProperties, pointer + "/additionalProperties", nameHint + "Value");
                return new TypeRef(TypeKind.Map, string.Empty, values);
            case 0:
                return TypeRef.Any;
            default:
                Report(DiagnosticDescriptors.UnsupportedSchema, pointer, pointer, "a value of several types (" + type + ")");
                return TypeRef.Any;
        }
    }

    private static bool IsNullable(IOpenApiSchema? schema)
    {
        if (schema is null)
        {
            return true;
        }

        if (schema.Type is { } type && (type & JsonSchemaType.Null) != 0)
        {
            return true;
        }

        var branches = schema.OneOf ?? schema.AnyOf;
        return branches is not null && branches.Any(b => Target(b).Type == JsonSchemaType.Null);
    }

    private EnumSpec BuildEnum(string name, IOpenApiSchema schema)
    {
        var scope = new NameScope(new[] { name });
        var members = new List<EnumMemberSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in schema.Enum!)
        {
            if (value is JsonValue json && json.TryGetValue<string>(out var wire) && seen.Add(wire))
            {
                members.Add(new EnumMemberSpec(wire, scope.Claim(Identifiers.Pascal(wire))));
            }
        }

        return new EnumSpec(name, Clean(schema.Description), schema.Deprecated, members.ToEquatableArray());
    }

    private void BuildObject(string name, IOpenApiSchema schema, string pointer)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var members = new NameScope(RecordReservedMembers.Concat(new[] { name }));
        var properties = new List<PropertySpec>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        var seenJsonNames = new HashSet<string>(StringComparer.Ordinal);
        IOpenApiSchema? additional = null;
        var additionalPointer = pointer;

        void AddFrom(IOpenApiSchema part, string partPointer, int depth)
        {
            if (depth > 32)
            {
                return;
            }

            var target = Target(part);
            foreach (var requiredName in target.Required ?? (ISet<string>)new HashSet<string>())
            {
                required.Add(requiredName);
            }

            if (target.AllOf is not null)
            {
                for (var i = 0; i < target.AllOf.Count; i++)
                {
                    var branch = target.AllOf[i];
                    var branchPointer = branch is OpenApiSchemaReference r && r.Reference?.Id is { } id ? ComponentPointer(id) : partPointer + "/allOf/" + i;
                    AddFrom(branch, branchPointer, depth + 1);
                }
            }

            if (target.AdditionalProperties is not null)
            {
                additional = target.AdditionalProperties;
                additionalPointer = partPointer + "/additionalProperties";
            }

            foreach (var property in target.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (!seenJsonNames.Add(property.Key))
                {
                    continue;
                }

                properties.Add(null!);
                var index = properties.Count - 1;
                var propertyPointer = partPointer + "/properties/" + Escape(property.Key);
                var propertyName = members.Claim(Identifiers.Pascal(property.Key));
                var type = MapSchema(property.Value, propertyPointer, name + propertyName);
                var propertySchema = property.Value;
                var resolved = Target(propertySchema);
                properties[index] = new PropertySpec(
                    property.Key,
                    propertyName,
                    type,
                    Required: false,
                    Nullable: IsNullable(propertySchema),
                    Sensitive: IsSensitive(propertySchema) || IsSensitive(resolved) || HasSecretName(property.Key),
                    Deprecated: propertySchema.Deprecated || resolved.Deprecated,
                    Description: Clean(propertySchema.Description ?? resolved.Description));
            }
        }

        AddFrom(schema, pointer, 0);
        var finalProperties = properties.Select(p => p with { Required = required.Contains(p.JsonName) }).ToEquatableArray();
        var additionalType = additional is null ? TypeRef.Any : MapSchema(additional, additionalPointer, name + "Value");
        var spec = new ObjectSpec(name, Clean(schema.Description), schema.Deprecated, finalProperties, additionalType, members.Claim("AdditionalProperties"));
        _objects[Qualify(name)] = spec;
        _types.Add(spec);
    }

    private static bool IsSensitive(IOpenApiSchema schema)
    {
        if (schema.Format == "password" || schema.WriteOnly)
        {
            return true;
        }

        return schema.Extensions is { } extensions
            && extensions.TryGetValue("x-sensitive", out var extension)
            && extension is JsonNodeExtension { Node: JsonValue value }
            && value.TryGetValue<bool>(out var flag) && flag;
    }

    /// <summary>Specs published as-is (FinCode's <c>password</c>) rarely mark secrets, so names that say so count too.</summary>
    private static bool HasSecretName(string jsonName)
    {
        var name = jsonName.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();
        return name.Contains("password") || name.Contains("secret") || name.EndsWith("token", StringComparison.Ordinal) || name == "apikey" || name == "username";
    }

    private static string? Clean(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description!.Trim();
}
