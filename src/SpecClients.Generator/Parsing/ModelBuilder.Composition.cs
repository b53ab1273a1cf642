using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.OpenApi;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Model;
using SpecClients.Generator.Naming;
using static SpecClients.Generator.Parsing.OperationClassifier;
using static SpecClients.Generator.Parsing.SchemaClassifier;

namespace SpecClients.Generator.Parsing;

/// <summary>Composition: <c>oneOf</c>/<c>anyOf</c> and type arrays as unions, discriminators, <c>$defs</c>, webhooks.</summary>
internal sealed partial class ModelBuilder
{
    private UnionSpec BuildUnion(string name, string nameHint, IOpenApiSchema schema, string pointer, string keyword, List<SchemaBranch> branches)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var stems = UnionBranchNames.Scope();
        var matchParameters = UnionBranchNames.MatchParameterScope();
        var discriminator = schema.Discriminator?.PropertyName;
        var mapping = new List<(string Value, string Id)>();
        foreach (var entry in schema.Discriminator?.Mapping ?? new Dictionary<string, OpenApiSchemaReference>())
        {
            if (entry.Value?.Reference?.Id is { } id)
            {
                mapping.Add((entry.Key, id));
            }
        }

        var specs = new List<UnionBranchSpec>();
        foreach (var (branch, index) in branches)
        {
            if (IsNullOnly(branch))
            {
                continue;
            }

            var branchPointer = pointer + "/" + keyword + "/" + index;
            var target = Target(branch);
            var reference = branch as OpenApiSchemaReference;
            TypeRef type;
            string stem;
            var values = EquatableArray<string>.Empty;
            string? keptAsJson = null;
            if (reference is null && IsStringEnum(target))
            {
                // An inline string enum inside a union is a constraint on a string, not an enum type of its own:
                // Stripe writes hundreds of `enum: [""]` branches meaning "send an empty string to clear".
                values = EnumValues(target).ToEquatableArray();
                type = TypeRef.String;
                stem = UnionBranchNames.OfValues(values);
                Record(branchPointer, type);
            }
            else if (reference is null && target.Const is { } constant && IsPlainConst(target))
            {
                values = new[] { constant }.ToEquatableArray();
                type = NonNullType(target) == JsonSchemaType.String ? TypeRef.String : ConstType(constant);
                stem = Identifiers.Pascal(constant);
                Record(branchPointer, type);
            }
            else if (reference?.Reference?.Id is { } expandedId && IsUnexpanded(schema, expandedId))
            {
                // An expandable reference's object that the selection reaches no other way stays JSON (the branch keeps
                // its name and shape, so values are still told apart): otherwise one selected operation would bring in
                // every object its ids can expand to, and all that those reach in turn.
                type = TypeRef.Any;
                stem = _componentTypeNames.TryGetValue(expandedId, out var expandedName) ? expandedName : UnionBranchNames.OfType(type);
                keptAsJson = expandedId;
                Record(branchPointer, type);
            }
            else
            {
                var hint = nameHint + (reference is null && !string.IsNullOrWhiteSpace(target.Title) ? Identifiers.Pascal(target.Title!) : "Option" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                type = MapSchema(branch, branchPointer, hint);
                var componentName = reference?.Reference?.Id is { } id && _componentTypeNames.TryGetValue(id, out var typeName) ? typeName : null;
                stem = UnionBranchNames.Of(componentName, target.Title, type, name);
                // An enum branch matches its listed values only, extensible or not: that is what tells it from a plain
                // string (or integer) branch; an unlisted value is Cases.Unknown and still kept.
                if (type.Kind is TypeKind.Enum or TypeKind.IntegerEnum && _enums.TryGetValue(type.Name, out var enumSpec))
                {
                    values = enumSpec.Members.Select(m => m.WireValue).ToEquatableArray();
                }
            }

            var kinds = keptAsJson is not null ? JsonKinds.Object : KindsOf(type);
            var required = EquatableArray<string>.Empty;
            var known = EquatableArray<string>.Empty;
            var constraints = EquatableArray<UnionConstraintSpec>.Empty;
            var closed = false;
            if (type.Kind == TypeKind.Object || keptAsJson is not null)
            {
                (required, known, constraints, closed) = ObjectShape(target);
            }

            var discriminatorValues = EquatableArray<string>.Empty;
            if (discriminator is not null && reference?.Reference?.Id is { } branchId)
            {
                var mapped = mapping.Where(m => m.Id == branchId).Select(m => m.Value).ToList();
                discriminatorValues = (mapped.Count > 0 ? mapped : new List<string> { branchId }).ToEquatableArray();
            }

            var branchName = UnionBranchNames.Claim(stems, stem, name);
            specs.Add(new UnionBranchSpec(branchName, type, kinds, FormatOf(type), values, required, known, constraints, closed, discriminatorValues, UnionBranchNames.ClaimMatchParameter(matchParameters, branchName), keptAsJson));
        }

        return new UnionSpec(name, Clean(schema.Description), schema.Deprecated, keyword, discriminator, specs.ToEquatableArray());
    }

    /// <summary>
    /// Whether a branch of this union refers to an object the model leaves as JSON: the union is an expandable reference,
    /// an operation selection is in force, and the selection reaches the object's schema no other way
    /// (<see cref="SelectionScope.Of"/>; <c>SpecClients_Expansions=all</c> makes it follow expandable references too).
    /// </summary>
    private bool IsUnexpanded(IOpenApiSchema union, string componentId) =>
        _scope is not null
        && union.Extensions?.ContainsKey(SelectionScope.ExpansionResources) == true
        && !_scope.Reaches(componentId);

    /// <summary>An OpenAPI 3.1 type array such as <c>[string, integer]</c>: one branch per type.</summary>
    private UnionSpec BuildTypeUnion(string name, string nameHint, IOpenApiSchema schema, string pointer, IReadOnlyList<JsonSchemaType> types)
    {
        var stems = UnionBranchNames.Scope();
        var matchParameters = UnionBranchNames.MatchParameterScope();
        var specs = new List<UnionBranchSpec>();
        foreach (var single in types)
        {
            var type = single switch
            {
                JsonSchemaType.String => MapString(schema),
                JsonSchemaType.Integer => schema.Format == "int32" ? new TypeRef(TypeKind.Int32, "int") : new TypeRef(TypeKind.Int64, "long"),
                JsonSchemaType.Number => new TypeRef(TypeKind.Double, "double"),
                JsonSchemaType.Boolean => new TypeRef(TypeKind.Boolean, "bool"),
                JsonSchemaType.Array => new TypeRef(TypeKind.Array, string.Empty, MapSchema(schema.Items, pointer + "/items", nameHint + "Item")),
                _ => new TypeRef(TypeKind.Map, string.Empty, schema.AdditionalProperties is null ? TypeRef.Any : MapSchema(schema.AdditionalProperties, pointer + "/additionalProperties", nameHint + "Value")),
            };
            var branchName = UnionBranchNames.Claim(stems, UnionBranchNames.OfType(type), name);
            specs.Add(new UnionBranchSpec(
                branchName,
                type,
                KindsOf(type),
                FormatOf(type),
                EquatableArray<string>.Empty,
                EquatableArray<string>.Empty,
                EquatableArray<string>.Empty,
                EquatableArray<UnionConstraintSpec>.Empty,
                false,
                EquatableArray<string>.Empty,
                UnionBranchNames.ClaimMatchParameter(matchParameters, branchName)));
        }

        return new UnionSpec(name, Clean(schema.Description), schema.Deprecated, "type", null, specs.ToEquatableArray());
    }

    private JsonKinds KindsOf(TypeRef type) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Map => JsonKinds.Object,
        TypeKind.Array => JsonKinds.Array,
        TypeKind.String or TypeKind.DateTimeOffset or TypeKind.Guid or TypeKind.Bytes or TypeKind.Binary or TypeKind.Enum => JsonKinds.String,
        TypeKind.Int32 or TypeKind.Int64 or TypeKind.IntegerEnum => JsonKinds.Integer,
        TypeKind.Single or TypeKind.Double or TypeKind.Decimal => JsonKinds.Number | JsonKinds.Integer,
        TypeKind.Boolean => JsonKinds.Boolean,
        TypeKind.Union when _unions.TryGetValue(type.Name, out var inner) => inner.Branches.Aggregate(JsonKinds.None, (all, b) => all | b.Kinds),
        _ => JsonKinds.Any,
    };

    /// <summary>Notes the type a schema pointer got (in the building walk, when asked), for <see cref="ModelBuild.SchemaTypes"/>.</summary>
    private void Record(string pointer, TypeRef type)
    {
        if (_recordSchemaTypes && !_schemaTypes.ContainsKey(pointer))
        {
            _schemaTypes[pointer] = type;
        }
    }

    /// <summary>
    /// The subtypes a discriminator mapping names, for a base schema that its subtypes extend through <c>allOf</c>
    /// (Adyen's <c>ShopperIdPaymentMethod</c>): the base record gets typed accessors for each.
    /// </summary>
    private DiscriminatorSpec? BuildDiscriminator(IOpenApiSchema schema, string pointer, EquatableArray<PropertySpec> properties, NameScope members)
    {
        if (schema.Discriminator?.PropertyName is not { } jsonName || schema.Discriminator.Mapping is not { Count: > 0 } mapping)
        {
            return null;
        }

        var property = properties.FirstOrDefault(p => p.JsonName == jsonName);
        if (property is null || property.Type.Kind is not (TypeKind.String or TypeKind.Enum))
        {
            Report(DiagnosticDescriptors.PartlySupportedSchema, pointer + "/discriminator", pointer + "/discriminator", "the discriminator member '" + jsonName + "' is not a string the schema declares", "the record has no typed access to its subtypes");
            return null;
        }

        var cases = new List<DiscriminatorCaseSpec>();
        var ownName = ShortNameOfPointer(pointer);
        foreach (var entry in mapping)
        {
            if (entry.Value?.Reference?.Id is not { } id || !_componentTypeNames.TryGetValue(id, out var typeName) || typeName == ownName)
            {
                continue;
            }

            var type = ResolveComponent(id);
            if (type.Kind != TypeKind.Object)
            {
                continue;
            }

            cases.Add(new DiscriminatorCaseSpec(entry.Key, MemberNames.ClaimDiscriminatorCase(members, typeName), type));
        }

        return cases.Count == 0 ? null : new DiscriminatorSpec(property.Name, jsonName, property.Type.Kind == TypeKind.Enum, cases.ToEquatableArray());
    }

    private string? ShortNameOfPointer(string pointer)
    {
        const string prefix = "#/components/schemas/";
        if (!pointer.StartsWith(prefix, StringComparison.Ordinal) || pointer.IndexOf('/', prefix.Length) >= 0)
        {
            return null;
        }

        var name = JsonPointer.Unescape(pointer.Substring(prefix.Length));
        return _componentTypeNames.TryGetValue(name, out var typeName) ? typeName : null;
    }

    /// <summary>
    /// A <c>$ref</c> into a component rather than to it (<c>#/components/schemas/Order/$defs/Line</c>, or
    /// <c>#/$defs/Line</c> inside <c>Order</c>, which the reader rewrites to the former): Microsoft.OpenApi leaves these
    /// unresolved, so they are walked here.
    /// </summary>
    private (IOpenApiSchema Schema, string Pointer, string NameHint)? ResolveNestedReference(OpenApiSchemaReference reference)
    {
        const string prefix = "#/components/schemas/";
        var text = reference.Reference?.ReferenceV3;
        if (text is null || !text.StartsWith(prefix, StringComparison.Ordinal) || reference.Reference!.IsExternal)
        {
            return null;
        }

        var segments = text.Substring(prefix.Length).Split('/').Select(JsonPointer.Unescape).ToArray();
        if (segments.Length < 2 || _document.Components?.Schemas is not { } schemas || !schemas.TryGetValue(segments[0], out var current))
        {
            return null;
        }

        for (var i = 1; i < segments.Length; i++)
        {
            current = Target(current);
            var segment = segments[i];
            IOpenApiSchema? next = null;
            if ((segment is "$defs" or "definitions" or "properties") && i + 1 < segments.Length)
            {
                var map = segment == "properties" ? current.Properties : current.Definitions;
                if (map is not null && map.TryGetValue(segments[i + 1], out var found))
                {
                    next = found;
                }

                i++;
            }
            else if ((segment is "allOf" or "oneOf" or "anyOf") && i + 1 < segments.Length && int.TryParse(segments[i + 1], out var index))
            {
                var list = segment == "allOf" ? current.AllOf : segment == "oneOf" ? current.OneOf : current.AnyOf;
                next = list is not null && index >= 0 && index < list.Count ? list[index] : null;
                i++;
            }
            else if (segment == "items")
            {
                next = current.Items;
            }
            else if (segment == "additionalProperties")
            {
                next = current.AdditionalProperties;
            }

            if (next is null || (next is OpenApiSchemaReference { Target: null } && i < segments.Length - 1))
            {
                return null;
            }

            current = next;
        }

        if (current is OpenApiSchemaReference { Target: null })
        {
            return null;
        }

        return (current, text, Identifiers.Pascal(segments[segments.Length - 1]));
    }

    /// <summary>Types for the payloads of <c>webhooks</c> (OpenAPI 3.1), which a document may have instead of paths.</summary>
    private void BuildWebhookTypes()
    {
        foreach (var webhook in _document.Webhooks ?? new Dictionary<string, IOpenApiPathItem>())
        {
            if (webhook.Value?.Operations is not { } operations)
            {
                continue;
            }

            var stem = Identifiers.Pascal(webhook.Key) + "Webhook";
            var basePointer = "#/webhooks/" + Escape(webhook.Key);
            foreach (var entry in operations)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (!IsSelected(entry.Value))
                {
                    continue;
                }

                var pointer = basePointer + "/" + entry.Key.Method.ToLowerInvariant();
                foreach (var content in entry.Value.RequestBody?.Content ?? new Dictionary<string, IOpenApiMediaType>())
                {
                    if (content.Value?.Schema is { } schema && IsJson(content.Key))
                    {
                        MapSchema(schema, pointer + "/requestBody/content/" + Escape(content.Key) + "/schema", stem + "Payload");
                    }
                }

                foreach (var response in entry.Value.Responses ?? new OpenApiResponses())
                {
                    foreach (var content in response.Value?.Content ?? new Dictionary<string, IOpenApiMediaType>())
                    {
                        if (content.Value?.Schema is { } schema && IsJson(content.Key))
                        {
                            MapSchema(schema, pointer + "/responses/" + Escape(response.Key) + "/content/" + Escape(content.Key) + "/schema", stem + "Response");
                        }
                    }
                }
            }
        }
    }
}
