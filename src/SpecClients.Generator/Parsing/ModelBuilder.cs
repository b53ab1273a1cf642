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
using static SpecClients.Generator.Parsing.OperationClassifier;
using static SpecClients.Generator.Parsing.SchemaClassifier;

namespace SpecClients.Generator.Parsing;

/// <summary>
/// Builds the equatable model from an <see cref="OpenApiDocument"/>. Type names are decided before the model is built
/// (<see cref="Build"/>): components are named first (<see cref="ComponentTypeNames"/>), then a first walk with
/// provisional names tells <see cref="InlineTypeNames"/> every use of every inline shape, which names each shape once;
/// the second walk builds the model with those names. Both walks run the same code, so they see the same shapes.
/// </summary>
internal sealed partial class ModelBuilder
{
    private readonly SpecInput _input;
    private readonly SpecContext _context;
    private readonly OpenApiDocument _document;
    private readonly YamlDocumentTree _tree;
    private readonly ImmutableArray<DiagnosticInfo>.Builder _diagnostics;
    private readonly CancellationToken _cancellationToken;

    /// <summary>With an operation selection, what it reaches: an expandable reference types only the objects in it.</summary>
    private readonly SelectionScope? _scope;

    private readonly ClientNames _clientNames;
    private readonly ComponentTypeNames _componentTypeNames;
    private readonly NameScope _typeNames;

    /// <summary>Set in the walk that plans names: it hears of every use of every inline type.</summary>
    private readonly InlineTypeNames? _planner;

    /// <summary>Set in the walk that builds the model: the name of every inline type, by the pointer of its uses.</summary>
    private readonly TypeNamePlan? _plan;

    private readonly PendingDiagnostics _pending = new();
    private readonly Dictionary<string, TypeRef> _componentRefs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _componentsInProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectSpec> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnionSpec> _unions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumSpec> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<IOpenApiSchema, TypeRef> _inlineTypes = new(ReferenceComparer.Instance);
    private readonly Dictionary<IOpenApiSchema, TypeRef> _multipartTypes = new(ReferenceComparer.Instance);
    private readonly Dictionary<string, TypeRef> _schemaTypes = new(StringComparer.Ordinal);
    private bool _recordSchemaTypes;
    private readonly Dictionary<TypeSpec, TypeRef> _shapes = new();
    private readonly HashSet<string> _handedOut = new(StringComparer.Ordinal);
    private readonly HashSet<string> _componentTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedPartial = new(StringComparer.Ordinal);
    private readonly List<TypeSpec> _types = new();

    /// <param name="scope">The parts of the document an operation selection reaches; null without a selection.</param>
    public ModelBuilder(SpecInput input, SpecContext context, OpenApiDocument document, YamlDocumentTree tree, ImmutableArray<DiagnosticInfo>.Builder diagnostics, CancellationToken cancellationToken, SelectionScope? scope)
        : this(input, context, document, tree, diagnostics, cancellationToken, scope, components: null, planner: null, plan: null, typeNames: null)
    {
    }

    private ModelBuilder(
        SpecInput input,
        SpecContext context,
        OpenApiDocument document,
        YamlDocumentTree tree,
        ImmutableArray<DiagnosticInfo>.Builder diagnostics,
        CancellationToken cancellationToken,
        SelectionScope? scope,
        ComponentTypeNames? components,
        InlineTypeNames? planner,
        TypeNamePlan? plan,
        NameScope? typeNames)
    {
        _input = input;
        _context = context;
        _document = document;
        _tree = tree;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
        _scope = scope;
        _clientNames = ClientNames.For(input.ClientName);
        _componentTypeNames = components ?? AssignComponentNames(document, _clientNames);
        _typeNames = typeNames ?? _componentTypeNames.Scope.Copy();
        _planner = planner;
        _plan = plan;
    }

    /// <summary>Names every type (a planning walk), then builds the model with those names.</summary>
    /// <param name="withSchemaTypes">Whether to note every schema pointer's type (<see cref="ModelBuild.SchemaTypes"/>), which only tools read.</param>
    public ModelBuild Build(bool withSchemaTypes = false)
    {
        var planner = new InlineTypeNames();
        new ModelBuilder(_input, _context, _document, _tree, ImmutableArray.CreateBuilder<DiagnosticInfo>(), _cancellationToken, _scope, _componentTypeNames, planner, plan: null, typeNames: null).Walk();
        var typeNames = _componentTypeNames.Scope.Copy();
        var plan = planner.Plan(typeNames);
        var builder = new ModelBuilder(_input, _context, _document, _tree, _diagnostics, _cancellationToken, _scope, _componentTypeNames, planner: null, plan, typeNames)
        {
            _recordSchemaTypes = withSchemaTypes,
        };
        var spec = builder.Walk();
        return new ModelBuild(spec, builder._schemaTypes);
    }

    /// <summary>
    /// Names each component schema, knowing which become enums (whose helper class needs a name too). A $ref cycle is no
    /// enum: it becomes SPC101, and asking its target anything throws.
    /// </summary>
    private static ComponentTypeNames AssignComponentNames(OpenApiDocument document, ClientNames client)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        return ComponentTypeNames.Assign(schemas.Keys, name => schemas[name] is { } schema && !IsAliasCycle(schemas, name) && IsEnum(schema), client);
    }

    private ApiSpec Walk()
    {
        var schemas = _document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, wanted, claimed) in _componentTypeNames.Collisions)
        {
            Report(DiagnosticDescriptors.NameCollision, ComponentPointer(name), ComponentPointer(name), wanted, claimed);
        }

        foreach (var pair in schemas)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (pair.Value is null)
            {
                Report(DiagnosticDescriptors.OpenApiError, ComponentPointer(pair.Key), ComponentPointer(pair.Key), "a schema must be a mapping");
                _componentRefs[pair.Key] = TypeRef.Any;
                continue;
            }

            if (IsAliasCycle(schemas, pair.Key))
            {
                Report(DiagnosticDescriptors.UnsupportedSchema, ComponentPointer(pair.Key), ComponentPointer(pair.Key), "a $ref chain that leads back to itself");
                _componentRefs[pair.Key] = TypeRef.Any;
                continue;
            }

            // With an operation selection, components are built only when a selected operation reaches them.
            if (_input.Selection is null)
            {
                ResolveComponent(pair.Key);
            }
        }

        BuildWebhookTypes();
        var client = BuildClient();
        ReportUnmatchedSelection();
        _pending.ResolveInto(_tree, _diagnostics);
        var types = _types.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray();
        return new ApiSpec(_context, types, client);
    }

    private static string ComponentPointer(string name) => "#/components/schemas/" + Escape(name);

    internal static string Escape(string segment) => JsonPointer.Escape(segment);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string pointer, params string[] arguments) =>
        _pending.Report(descriptor, pointer, arguments);

    /// <summary>Whether a component is a $ref that, followed through other components, comes back to itself.</summary>
    private static bool IsAliasCycle(IDictionary<string, IOpenApiSchema> schemas, string name)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var current = name;
        while (schemas.TryGetValue(current, out var schema) && schema is OpenApiSchemaReference { Reference.Id: { } next })
        {
            if (!visited.Add(current))
            {
                return true;
            }

            current = next;
        }

        return false;
    }

    /// <summary>The type a component schema maps to, building its record, enum or union the first time.</summary>
    private TypeRef ResolveComponent(string name)
    {
        if (_componentRefs.TryGetValue(name, out var known))
        {
            return known;
        }

        var type = ResolveComponentCore(name);
        Record(ComponentPointer(name), type);
        return type;
    }

    private TypeRef ResolveComponentCore(string name)
    {
        // Long chains of records referring to records recurse here; fail with a diagnostic, never a stack overflow.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var schema = _document.Components!.Schemas![name];
        var csName = _componentTypeNames[name];
        var pointer = ComponentPointer(name);
        var qualified = Qualify(csName);

        if (IsEnum(schema))
        {
            if (_componentTypeNames.TryGetEnumRename(name, out var rename))
            {
                // Another schema has the name of this enum's helper class: the enum was renamed, not the helper.
                Report(DiagnosticDescriptors.NameCollision, pointer, pointer, rename.HelperName, rename.EnumName);
            }

            var enumRef = new TypeRef(EnumKind(schema), qualified);
            _componentRefs[name] = enumRef;
            RegisterComponent(name, BuildEnum(csName, schema), enumRef);
            return enumRef;
        }

        if (IsRecord(schema))
        {
            var objectRef = new TypeRef(TypeKind.Object, qualified);
            _componentRefs[name] = objectRef;
            RegisterComponent(name, BuildObject(csName, csName, schema, pointer), objectRef);
            return objectRef;
        }

        if (UnionBranches(schema) is { } union && !CollapsesToOneType(union.Branches))
        {
            // Registered before the branches are mapped, so a branch that refers back to the union finds it.
            var unionRef = new TypeRef(TypeKind.Union, qualified);
            _componentRefs[name] = unionRef;
            _inlineTypes[schema] = unionRef;
            RegisterComponent(name, BuildUnion(csName, csName, schema, pointer, union.Keyword, union.Branches), unionRef);
            return unionRef;
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

    /// <summary>Maps a schema to a C# type, creating inline records, enums and unions named after <paramref name="nameHint"/>.</summary>
    private TypeRef MapSchema(IOpenApiSchema? schema, string pointer, string nameHint)
    {
        var type = MapSchemaCore(schema, pointer, nameHint);
        Record(pointer, type);
        return type;
    }

    private TypeRef MapSchemaCore(IOpenApiSchema? schema, string pointer, string nameHint)
    {
        if (schema is null)
        {
            return TypeRef.Any;
        }

        if (schema is OpenApiSchemaReference reference)
        {
            var id = reference.Reference?.Id;
            var target = ResolvedTarget(reference);
            if (target is null || id is null)
            {
                if (ResolveNestedReference(reference) is { } nested)
                {
                    return MapSchema(nested.Schema, nested.Pointer, nested.NameHint);
                }

                Report(DiagnosticDescriptors.UnresolvedReference, pointer, pointer, reference.Reference?.ReferenceV3 ?? id ?? "?");
                return TypeRef.Any;
            }

            if (_componentTypeNames.Contains(id))
            {
                return ResolveComponent(id);
            }

            return MapSchema(target, pointer, nameHint);
        }

        // The same schema object reached again (a shared response, a base schema's members merged into each
        // subtype through allOf) maps to the type it got the first time, not to a copy.
        if (_inlineTypes.TryGetValue(schema, out var known))
        {
            _handedOut.Add(known.Name);
            _planner?.Use(Identifiers.Unqualified(known.Name), pointer, nameHint);
            return known;
        }

        var type = MapInline(schema, pointer, nameHint);
        _inlineTypes[schema] = type;
        return type;
    }

    /// <summary>
    /// The name of a new inline type: in the planning walk a provisional one, in the building walk the planned one (or,
    /// for a schema the planning walk did not see, which does not happen as both walk alike, the hint made unique).
    /// </summary>
    private string InlineTypeName(string pointer, string nameHint, InlineTypeKind kind, string? alternative = null)
    {
        if (_planner is not null)
        {
            return _planner.NewType(nameHint, kind, alternative);
        }

        if (_plan?.NameAt(pointer) is { } planned)
        {
            return planned;
        }

        var wanted = Identifiers.LimitTypeName(nameHint);
        return kind switch
        {
            InlineTypeKind.Enum => ComponentTypeNames.ClaimEnum(_typeNames, wanted),
            InlineTypeKind.Multipart when _typeNames.IsTaken(wanted) => _typeNames.Claim(Identifiers.LimitTypeName(alternative!)),
            _ => _typeNames.Claim(wanted),
        };
    }

    /// <summary>The component whose type an inline schema takes because it has that component's shape (decided by the plan).</summary>
    private TypeRef? SameShapedComponent(string pointer) => _plan?.ComponentAt(pointer) is { } component ? ResolveComponent(component) : null;

    private TypeRef MapInline(IOpenApiSchema schema, string pointer, string nameHint)
    {
        if (IsEnum(schema))
        {
            if (SameShapedComponent(pointer) is { } sameEnum)
            {
                return sameEnum;
            }

            var enumName = InlineTypeName(pointer, nameHint, InlineTypeKind.Enum);
            return RegisterOrReuse(BuildEnum(enumName, schema), new TypeRef(EnumKind(schema), Qualify(enumName)), pointer, nameHint);
        }

        if (AllOfAlias(schema) is { } alias)
        {
            return MapSchema(alias.Schema, pointer + "/allOf/" + alias.Index, nameHint);
        }

        if (IsRecord(schema))
        {
            if (SameShapedComponent(pointer) is { } sameRecord)
            {
                // Its members are still mapped, so that every schema inside it has its type (as in the planning walk).
                _inlineTypes[schema] = sameRecord;
                BuildObject(Identifiers.Unqualified(sameRecord.Name), nameHint, schema, pointer);
                return sameRecord;
            }

            var recordName = InlineTypeName(pointer, nameHint, InlineTypeKind.Plain);
            var recordRef = new TypeRef(TypeKind.Object, Qualify(recordName));
            _inlineTypes[schema] = recordRef;
            return RegisterOrReuse(BuildObject(recordName, Identifiers.LimitTypeName(nameHint), schema, pointer), recordRef, pointer, nameHint);
        }

        if (UnionBranches(schema) is { } union)
        {
            if (CollapsesToOneType(union.Branches))
            {
                var single = union.Branches.First(b => !IsNullOnly(b.Schema));
                return MapSchema(single.Schema, pointer + "/" + union.Keyword + "/" + single.Index, nameHint);
            }

            if (SameShapedComponent(pointer) is { } sameUnion)
            {
                _inlineTypes[schema] = sameUnion;
                BuildUnion(Identifiers.Unqualified(sameUnion.Name), nameHint, schema, pointer, union.Keyword, union.Branches);
                return sameUnion;
            }

            var unionName = InlineTypeName(pointer, nameHint, InlineTypeKind.Plain);
            var unionRef = new TypeRef(TypeKind.Union, Qualify(unionName));
            _inlineTypes[schema] = unionRef;
            return RegisterOrReuse(BuildUnion(unionName, Identifiers.LimitTypeName(nameHint), schema, pointer, union.Keyword, union.Branches), unionRef, pointer, nameHint);
        }

        var type = NonNullType(schema);
        switch (type)
        {
            case JsonSchemaType.String or JsonSchemaType.Integer or JsonSchemaType.Number or JsonSchemaType.Boolean:
                return PrimitiveType(schema, type);
            case JsonSchemaType.Array:
                var items = PlainPrimitive(schema.Items) ?? MapSchema(schema.Items, pointer + "/items", nameHint + "Item");
                return new TypeRef(TypeKind.Array, string.Empty, items);
            case JsonSchemaType.Object:
            case 0 when schema.AdditionalProperties is not null:
                var values = schema.AdditionalProperties is null ? TypeRef.Any : MapSchema(schema.AdditionalProperties, pointer + "/additionalProperties", nameHint + "Value");
                return new TypeRef(TypeKind.Map, string.Empty, values);
            case 0 when schema.Const is not null:
                return ConstType(schema.Const);
            case 0:
                return TypeRef.Any;
            default:
                // An OpenAPI 3.1 type array such as [string, integer] (null aside): a union of one branch per type.
                var typeBranches = TypeArrayBranches(type);
                if (SameShapedComponent(pointer) is { } sameTypeUnion)
                {
                    _inlineTypes[schema] = sameTypeUnion;
                    BuildTypeUnion(Identifiers.Unqualified(sameTypeUnion.Name), nameHint, schema, pointer, typeBranches);
                    return sameTypeUnion;
                }

                var typeUnionName = InlineTypeName(pointer, nameHint, InlineTypeKind.Plain);
                var typeUnionRef = new TypeRef(TypeKind.Union, Qualify(typeUnionName));
                _inlineTypes[schema] = typeUnionRef;
                return RegisterOrReuse(BuildTypeUnion(typeUnionName, Identifiers.LimitTypeName(nameHint), schema, pointer, typeBranches), typeUnionRef, pointer, nameHint);
        }
    }

    /// <summary>The C# type of a string, integer, number or boolean schema, by its format.</summary>
    private static TypeRef PrimitiveType(IOpenApiSchema schema, JsonSchemaType type) => type switch
    {
        JsonSchemaType.String => MapString(schema),
        JsonSchemaType.Integer => schema.Format == "int32" ? new TypeRef(TypeKind.Int32, "int") : new TypeRef(TypeKind.Int64, "long"),
        JsonSchemaType.Number => schema.Format switch
        {
            "float" => new TypeRef(TypeKind.Single, "float"),
            "decimal" => new TypeRef(TypeKind.Decimal, "decimal"),
            "int32" => new TypeRef(TypeKind.Int32, "int"),
            "int64" => new TypeRef(TypeKind.Int64, "long"),
            _ => new TypeRef(TypeKind.Double, "double"),
        },
        _ => new TypeRef(TypeKind.Boolean, "bool"),
    };

    /// <summary>
    /// The type of an inline schema that is one primitive type and nothing else (most of a large spec's members): what
    /// <see cref="MapSchema"/> gives it, without the JSON pointer and name hint only a generated type needs, which
    /// the caller then need not build. Null for any other schema, and when every pointer's type is being noted.
    /// </summary>
    private TypeRef? PlainPrimitive(IOpenApiSchema? schema)
    {
        if (_recordSchemaTypes || schema is null or OpenApiSchemaReference || schema.Enum is { Count: > 0 } || schema.Const is not null
            || schema.AllOf is { Count: > 0 } || schema.OneOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 } || schema.Properties is { Count: > 0 })
        {
            return null;
        }

        var type = NonNullType(schema);
        return type is JsonSchemaType.String or JsonSchemaType.Integer or JsonSchemaType.Number or JsonSchemaType.Boolean ? PrimitiveType(schema, type) : null;
    }

    /// <summary>Adds a component's type, which keeps its name even when an inline type has its shape (that one takes the component's).</summary>
    private void RegisterComponent(string component, TypeSpec spec, TypeRef type)
    {
        _componentTypes.Add(type.Name);
        _planner?.Component(spec.Name, component);
        var shape = Shape(spec);
        if (_planner is not null && _shapes.TryGetValue(shape, out var inline) && !_componentTypes.Contains(inline.Name))
        {
            _planner.SameShapeAsComponent(Identifiers.Unqualified(inline.Name), component);
        }

        Register(spec, type, shape);
    }

    /// <summary>Adds a generated type to the model.</summary>
    /// <param name="shape">The type's <see cref="Shape"/>, when the caller has it already.</param>
    private void Register(TypeSpec spec, TypeRef type, TypeSpec? shape = null)
    {
        switch (spec)
        {
            case ObjectSpec record:
                _objects[type.Name] = record;
                break;
            case UnionSpec union:
                _unions[type.Name] = union;
                break;
            case EnumSpec enumSpec:
                _enums[type.Name] = enumSpec;
                break;
        }

        _types.Add(spec);
        shape ??= Shape(spec);
        if (!_shapes.ContainsKey(shape))
        {
            _shapes[shape] = type;
        }
    }

    /// <summary>
    /// Adds an inline type, unless a type of the same shape exists: Stripe repeats the same inline enums, objects and
    /// expandable unions in hundreds of request bodies, and one type each keeps the generated code (and builds) small.
    /// The plan gave every use of a shape the same name, so the duplicate is the same type.
    /// </summary>
    private TypeRef RegisterOrReuse(TypeSpec spec, TypeRef type, string pointer, string nameHint)
    {
        var result = RegisterOrReuseCore(spec, type);
        _planner?.Use(Identifiers.Unqualified(result.Name), pointer, nameHint);
        return result;
    }

    private TypeRef RegisterOrReuseCore(TypeSpec spec, TypeRef type)
    {
        var shape = Shape(spec);
        if (_shapes.TryGetValue(shape, out var existing) && (existing.Name == type.Name || !_handedOut.Contains(type.Name)))
        {
            return existing;
        }

        if (IsRegistered(type.Name))
        {
            // Two uses the planning walk saw as one shape differ here (only a type that refers to itself can): the
            // second gets a numbered name rather than a clash.
            var renamed = spec is EnumSpec ? ComponentTypeNames.ClaimEnum(_typeNames, spec.Name) : _typeNames.Claim(spec.Name);
            spec = spec with { Name = renamed };
            type = type with { Name = Qualify(renamed) };
        }

        // A rename changes the name only, which the shape leaves out.
        Register(spec, type, shape);
        return type;
    }

    private bool IsRegistered(string qualifiedName) =>
        _objects.ContainsKey(qualifiedName) || _unions.ContainsKey(qualifiedName) || _enums.ContainsKey(qualifiedName);

    /// <summary>A type's shape: everything but its name and descriptions.</summary>
    private static TypeSpec Shape(TypeSpec spec) => spec switch
    {
        ObjectSpec record => record with
        {
            Name = string.Empty,
            Description = null,
            Properties = record.Properties.Any(p => p.Description is not null)
                ? record.Properties.Select(p => p with { Description = null }).ToEquatableArray()
                : record.Properties,
        },
        _ => spec with { Name = string.Empty, Description = null },
    };

    private static TypeKind EnumKind(IOpenApiSchema schema) =>
        ConstEnumBranches(schema) is { IsInteger: true } ? TypeKind.IntegerEnum : TypeKind.Enum;

    private EnumSpec BuildEnum(string name, IOpenApiSchema schema)
    {
        var scope = MemberNames.EnumMemberScope(name);
        var members = new List<EnumMemberSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var extensible = !_input.StrictEnums;
        if (ConstEnumBranches(schema) is { } constEnum)
        {
            // Each value is its own branch, so it can carry a title (the member's name) and a description (its doc).
            foreach (var branch in constEnum.Branches)
            {
                var wire = constEnum.IsInteger ? CanonicalInteger(branch.Const!) : branch.Const!;
                if (seen.Add(wire))
                {
                    var stem = string.IsNullOrWhiteSpace(branch.Title) ? wire : branch.Title!;
                    members.Add(new EnumMemberSpec(wire, scope.Claim(Identifiers.Pascal(stem)), Clean(branch.Description)));
                }
            }

            return new EnumSpec(name, Clean(schema.Description), schema.Deprecated, members.ToEquatableArray(), constEnum.IsInteger, extensible);
        }

        foreach (var value in schema.Enum!)
        {
            if (value is JsonValue json && json.GetValueKind() == System.Text.Json.JsonValueKind.String && json.GetValue<string>() is { } wire && seen.Add(wire))
            {
                members.Add(new EnumMemberSpec(wire, scope.Claim(Identifiers.Pascal(wire))));
            }
        }

        return new EnumSpec(name, Clean(schema.Description), schema.Deprecated, members.ToEquatableArray(), Extensible: extensible);
    }

    /// <summary>An integer <c>const</c> as C# writes it (<c>+7</c> and <c>07</c> are <c>7</c>), so it is a valid literal.</summary>
    private static string CanonicalInteger(string text) =>
        long.Parse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="name">The record's name.</param>
    /// <param name="nameHint">
    /// What its members' inline types are named after: the name this use of the schema suggests, within the length of a
    /// type name (so a long chain of nested names is cut, and hashed, at each level).
    /// </param>
    /// <param name="multipart">Whether the record holds the parts of a multipart body, whose file properties are <c>FilePart</c>s.</param>
    private ObjectSpec BuildObject(string name, string nameHint, IOpenApiSchema schema, string pointer, bool multipart = false)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var members = MemberNames.RecordMemberScope(name);
        var properties = new List<PropertySpec>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        var seenJsonNames = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<IOpenApiSchema>(ReferenceComparer.Instance);
        IOpenApiSchema? additional = null;
        var additionalPointer = pointer;
        var additionalHint = nameHint + "Value";

        // Members come from the schema and, through allOf, from the schemas it extends. A member of a referenced
        // schema is named after that schema (ShopperIdPaymentMethodType), since every subtype shares its type.
        void AddFrom(IOpenApiSchema part, string partPointer, string hintOwner, int depth)
        {
            if (depth > 32)
            {
                return;
            }

            var target = Target(part);
            if (!visited.Add(target))
            {
                return;
            }

            if ((target.OneOf is { Count: > 0 } || target.AnyOf is { Count: > 0 }) && _reportedPartial.Add(partPointer))
            {
                var keyword = target.OneOf is { Count: > 0 } ? "oneOf" : "anyOf";
                Report(DiagnosticDescriptors.PartlySupportedSchema, partPointer + "/" + keyword, partPointer, keyword + " beside properties or allOf", "the record has the declared members; a branch's other members are kept in " + "AdditionalProperties");
            }

            foreach (var requiredName in target.Required ?? (ISet<string>)new HashSet<string>())
            {
                required.Add(requiredName);
            }

            if (target.AllOf is not null)
            {
                for (var i = 0; i < target.AllOf.Count; i++)
                {
                    var branch = target.AllOf[i];
                    if (branch is OpenApiSchemaReference r && r.Reference?.Id is { } id && _componentTypeNames.TryGetValue(id, out var owner))
                    {
                        AddFrom(branch, ComponentPointer(id), owner, depth + 1);
                    }
                    else
                    {
                        AddFrom(branch, partPointer + "/allOf/" + i, hintOwner, depth + 1);
                    }
                }
            }

            if (target.AdditionalProperties is not null)
            {
                additional = target.AdditionalProperties;
                additionalPointer = partPointer + "/additionalProperties";
                additionalHint = hintOwner + "Value";
            }

            foreach (var property in target.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (!seenJsonNames.Add(property.Key))
                {
                    continue;
                }

                properties.Add(null!);
                var index = properties.Count - 1;
                var pascal = Identifiers.Pascal(property.Key);
                var propertyName = members.Claim(pascal);
                var type = (multipart ? FilePartType(property.Value) : null)
                    ?? PlainPrimitive(property.Value)
                    ?? MapSchema(property.Value, partPointer + "/properties/" + Escape(property.Key), hintOwner + pascal);
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
                    Description: Clean(propertySchema.Description ?? resolved.Description),
                    ReadOnly: propertySchema.ReadOnly,
                    WriteOnly: propertySchema.WriteOnly);
            }
        }

        AddFrom(schema, pointer, nameHint, 0);
        var finalProperties = properties.Select(p => p with { Required = required.Contains(p.JsonName) }).ToEquatableArray();
        var additionalType = additional is null ? TypeRef.Any : MapSchema(additional, additionalPointer, additionalHint);
        var additionalName = MemberNames.ClaimAdditionalProperties(members);
        var discriminator = BuildDiscriminator(schema, pointer, finalProperties, members);
        return new ObjectSpec(name, Clean(schema.Description), schema.Deprecated, finalProperties, additionalType, additionalName, discriminator);
    }

    private static string? Clean(string? description) => DescriptionText.Clean(description);
}
