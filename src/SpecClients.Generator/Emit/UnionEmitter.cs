using System.Collections.Generic;
using System.Linq;
using SpecClients.Generator.Model;
using static SpecClients.Generator.Emit.KnownTypes;

namespace SpecClients.Generator.Emit;

/// <summary>
/// Emits a union (<c>oneOf</c>, <c>anyOf</c>, type array): an immutable class holding the JSON value, the branch it
/// matches, and per branch <c>Is</c>, <c>TryGet</c>, <c>As</c> and <c>From</c>, plus <c>Match</c>. Reading keeps the
/// value whole and writing writes it back, so no branch is ever lost or narrowed to the first one. The value, the branch
/// and equality come from the runtime's <c>GeneratedUnion</c> base: written once there, not compiled again per union.
/// </summary>
internal static class UnionEmitter
{
    /// <summary>Writes the type into a file that <see cref="FileHeader.Start"/> began.</summary>
    public static void Write(SourceWriter w, SpecContext context, UnionSpec spec)
    {
        var name = spec.Name;
        var what = spec.Keyword == "type" ? "a type array" : $"<c>{spec.Keyword}</c>";
        var toldApart = spec.Discriminator is null ? string.Empty : $", told apart by <c>{DocText.Inline(spec.Discriminator)}</c>";
        w.Summary(spec.Description, $"The <c>{name}</c> schema.");
        w.Line("/// <remarks>");
        w.DocMarkupLines(
            $"From {what} in the spec: {spec.Branches.Count} branches ({DocText.Inline(string.Join(", ", spec.Branches.Select(b => b.Name)))}){toldApart}.");
        w.Line("/// The JSON value is kept as read (<see cref=\"Element\"/>); <see cref=\"Case\"/> is the branch it matches.");
        w.Line("/// </remarks>");
        w.Line(FileHeader.GeneratedCode(context));
        if (spec.Deprecated)
        {
            w.Line(DeprecatedAttribute);
        }

        w.Line($"[{JsonConverterAttribute}(typeof({name}.JsonConverter))]");
        w.Open($"{context.Accessibility} sealed partial class {name} : {GeneratedUnion}<{name}, {name}.Cases>");
        EmitShape(w, spec);
        w.Line();
        w.Lines($$"""
            private {{name}}({{JsonElement}} element, Cases @case)
                : base(element, @case)
            {
            }

            /// <summary>The branches of <see cref="{{name}}"/>.</summary>
            public enum Cases
            {
                /// <summary>The value matches no branch (a value the spec does not describe); it is still kept in <see cref="Element"/>.</summary>
                Unknown,
            """);
        w.Indent();
        foreach (var branch in spec.Branches)
        {
            w.Line();
            w.SummaryMarkup($"The value is a {DocText.Inline(Describe(branch))}.");
            w.Line(branch.Name + ",");
        }

        w.Close();
        w.Line();
        var conversions = ImplicitConversions(spec);
        foreach (var branch in spec.Branches)
        {
            EmitBranch(w, spec, branch, conversions.Contains(branch));
        }

        EmitMatch(w, spec);
        w.Lines($$"""
            /// <summary>Wraps a JSON value, telling which branch it is.</summary>
            /// <param name="element">The value.</param>
            /// <returns>The union.</returns>
            public static {{name}} FromElement({{JsonElement}} element) => Create(element.Clone());

            private static {{name}} Create({{JsonElement}} element) =>
                new(element, (Cases)({{JsonUnion}}.Classify(element, s_shape) + 1));

            /// <summary>Reads and writes <see cref="{{name}}"/> as the JSON value it holds.</summary>
            public sealed class JsonConverter : {{GeneratedJsonConverter}}<{{name}}>
            {
            """);
        w.Indent();
        JsonCode.WriteConverterConstructor(w, "ReadValue", "WriteValue");
        w.Lines($$"""

            /// <summary>Reads one <see cref="{{name}}"/> at the reader's current token.</summary>
            public static {{name}} ReadValue(ref {{Utf8JsonReader}} reader) => Create({{JsonRead}}.Element(ref reader));

            /// <summary>Writes the JSON value one <see cref="{{name}}"/> holds.</summary>
            public static void WriteValue({{Utf8JsonWriter}} writer, {{name}} value) => value.Element.WriteTo(writer);
            """);
        w.Close();
        w.Close();
    }

    private static void EmitShape(SourceWriter w, UnionSpec spec)
    {
        var cases = new List<string> { spec.Discriminator is null ? "discriminator: null" : "discriminator: " + SourceWriter.Literal(spec.Discriminator) };
        foreach (var branch in spec.Branches)
        {
            var arguments = new List<string> { Kinds(branch.Kinds) };
            if (branch.Format is not null)
            {
                arguments.Add("format: " + SourceWriter.Literal(branch.Format));
            }

            if (branch.Values.Count > 0)
            {
                arguments.Add("values: " + Strings(branch.Values));
            }

            if (branch.Required.Count > 0)
            {
                arguments.Add("required: " + Strings(branch.Required));
            }

            if (branch.Known.Count > 0)
            {
                arguments.Add("known: " + Strings(branch.Known));
            }

            if (branch.Constraints.Count > 0)
            {
                var constraints = branch.Constraints
                    .Select(c => "new(" + string.Join(", ", new[] { c.Member }.Concat(c.Values).Select(SourceWriter.Literal)) + ")");
                arguments.Add($"constraints: new {UnionConstraint}[] {{ {string.Join(", ", constraints)} }}");
            }

            if (branch.Closed)
            {
                arguments.Add("closed: true");
            }

            if (branch.DiscriminatorValues.Count > 0)
            {
                arguments.Add("discriminatorValues: " + Strings(branch.DiscriminatorValues));
            }

            cases.Add($"new {UnionCase}({string.Join(", ", arguments)})");
        }

        w.List($"private static readonly {UnionShape} s_shape = new(", cases, ");");
    }

    private static void EmitBranch(SourceWriter w, UnionSpec spec, UnionBranchSpec branch, bool implicitConversion)
    {
        var type = branch.Type.CSharp;
        var name = branch.Name;
        var description = DocText.Inline(Describe(branch));
        var reader = JsonCode.ReadFunc(branch.Type, spec.Name, branch.Name);
        var kinds = Kinds(branch.Kinds);
        w.SummaryMarkup($"Whether the value is the <c>{name}</c> branch (a {description}).");
        w.Line($"public bool Is{name} => Case == Cases.{name};");
        w.Line();
        w.SummaryMarkup($"Reads the value as the <c>{name}</c> branch (a {description}), whichever branch <see cref=\"Case\"/> names.");
        w.Doc("param name=\"value\"", "The branch value, when the value reads as one.");
        w.Doc("returns", "Whether the value reads as the branch.");
        if (branch.Type.IsValueType)
        {
            w.Wrap($"public bool TryGet{name}(out {type} value) =>", $"{JsonUnion}.TryRead<{type}>(Element, {kinds}, {reader}, out value);");
        }
        else
        {
            w.OpenList($"public bool TryGet{name}(", new[] { $"{NotNullWhenTrue} out {type}? value" });
            w.List($"value = {JsonUnion}.Read<{type}>(", new[] { "Element", kinds, reader }, ");");
            w.Line("return value is not null;");
            w.Close();
        }

        w.Line();
        w.SummaryMarkup($"The value as the <c>{name}</c> branch (a {description}).");
        w.Doc("returns", "The branch value.");
        w.Doc($"exception cref=\"{InvalidOperationException}\"", "The value does not read as this branch.");
        w.Wrap(
            $"public {type} As{name}() =>",
            $"TryGet{name}(out var value) ? value : throw {JsonUnion}.NotThisBranch({SourceWriter.Literal(spec.Name)}, {SourceWriter.Literal(name)});");
        w.Line();
        w.SummaryMarkup($"A <see cref=\"{spec.Name}\"/> holding a <c>{name}</c> value.");
        w.Doc("param name=\"value\"", "The branch value.");
        w.Doc("returns", "The union.");
        var argument = branch.Type.IsValueType ? "value" : $"value ?? throw new {ArgumentNullException}(nameof(value))";
        w.Wrap(
            $"public static {spec.Name} From{name}({type} value) =>",
            $"new({JsonUnion}.ToElement<{type}>({argument}, {JsonCode.WriteAction(branch.Type)}), Cases.{name});");
        w.Line();
        if (implicitConversion)
        {
            w.SummaryMarkup($"A <see cref=\"{spec.Name}\"/> holding a <c>{name}</c> value.");
            w.Doc("param name=\"value\"", "The branch value.");
            w.Line($"public static implicit operator {spec.Name}({type} value) => From{name}(value);");
            w.Line();
        }
    }

    private static void EmitMatch(SourceWriter w, UnionSpec spec)
    {
        var parameters = spec.Branches.Select(b => (Branch: b, Parameter: b.MatchParameter)).ToList();
        w.SummaryMarkup(
            "Calls the function for the branch the value is; <paramref name=\"unknown\"/> when it is none, or does not read as the one it matches.");
        w.Line("/// <typeparam name=\"TResult\">The result type.</typeparam>");
        foreach (var (branch, parameter) in parameters)
        {
            w.Doc($"param name=\"{parameter.TrimStart('@')}\"", $"Called with the <c>{branch.Name}</c> value.");
        }

        w.Line("/// <param name=\"unknown\">Called with the JSON value when it is no branch.</param>");
        w.Line("/// <returns>The function's result.</returns>");
        var signature = parameters.Select(p => $"{Func}<{p.Branch.Type.CSharp}, TResult> {p.Parameter}")
            .Concat(new[] { $"{Func}<{JsonElement}, TResult> unknown" })
            .ToList();
        w.OpenList("public TResult Match<TResult>(", signature);
        foreach (var (_, parameter) in parameters)
        {
            w.Line($"{ArgumentNullException}.ThrowIfNull({parameter});");
        }

        w.Line($"{ArgumentNullException}.ThrowIfNull(unknown);");
        w.Open("return Case switch");
        var index = 0;
        foreach (var (branch, parameter) in parameters)
        {
            w.Wrap($"Cases.{branch.Name} when TryGet{branch.Name}(out var v{index})", $"=> {parameter}(v{index}),");
            index++;
        }

        w.Line("_ => unknown(Element),");
        w.Close(";");
        w.Close();
        w.Line();
    }

    /// <summary>Implicit conversions from each branch type that is a class or struct and appears once (none from interfaces or JsonElement).</summary>
    private static HashSet<UnionBranchSpec> ImplicitConversions(UnionSpec spec)
    {
        var result = new HashSet<UnionBranchSpec>();
        var counts = spec.Branches.GroupBy(b => b.Type.CSharp).ToDictionary(g => g.Key, g => g.Count());
        foreach (var branch in spec.Branches)
        {
            var allowed = branch.Type.Kind is not (TypeKind.Array or TypeKind.Map or TypeKind.Any or TypeKind.Binary)
                && counts[branch.Type.CSharp] == 1
                && !branch.Type.Name.EndsWith("." + spec.Name, System.StringComparison.Ordinal);
            if (allowed)
            {
                result.Add(branch);
            }
        }

        return result;
    }

    private static string Describe(UnionBranchSpec branch) => branch.KeptAsJson is { } schema
        ? schema + " object, kept as JSON: the operation selection reaches its schema only through expandable references"
        : Describe(branch.Type);

    private static string Describe(TypeRef type) => type.Kind switch
    {
        TypeKind.Array => "list of " + Describe(type.Element!),
        TypeKind.Map => "map of " + Describe(type.Element!),
        TypeKind.Any => "JSON value",
        _ => type.Name.StartsWith("global::", System.StringComparison.Ordinal) ? type.Name.Substring(type.Name.LastIndexOf('.') + 1) : type.Name,
    };

    private static string Strings(EquatableArray<string> values) => "new[] { " + string.Join(", ", values.Select(SourceWriter.Literal)) + " }";

    private static string Kinds(JsonKinds kinds)
    {
        if (kinds == JsonKinds.Any)
        {
            return JsonKindsType + ".Any";
        }

        var names = new[] { JsonKinds.Object, JsonKinds.Array, JsonKinds.String, JsonKinds.Integer, JsonKinds.Number, JsonKinds.Boolean, JsonKinds.Null }
            .Where(k => (kinds & k) != 0)
            .Select(k => JsonKindsType + "." + k)
            .ToList();
        return names.Count == 0 ? JsonKindsType + ".None" : string.Join(" | ", names);
    }
}
