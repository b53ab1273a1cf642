using System.Collections.Generic;
using System.Linq;
using SpecClients.Generator.Model;
using SpecClients.Generator.Naming;

namespace SpecClients.Generator.Emit;

/// <summary>
/// Emits a union (<c>oneOf</c>, <c>anyOf</c>, type array): an immutable class holding the JSON value, the branch it
/// matches, and per branch <c>Is</c>, <c>TryGet</c>, <c>As</c> and <c>From</c>, plus <c>Match</c>. Reading keeps the
/// value whole and writing writes it back, so no branch is ever lost or narrowed to the first one.
/// </summary>
internal static class UnionEmitter
{
    private const string Json = "global::SpecClients.Runtime.Json";
    private const string Element = "global::System.Text.Json.JsonElement";

    /// <summary>Writes the type into a file that <see cref="FileHeader.Start"/> began.</summary>
    public static void Write(SourceWriter w, SpecContext context, UnionSpec spec)
    {
        var what = spec.Keyword == "type" ? "a type array" : "<c>" + spec.Keyword + "</c>";
        w.Summary(spec.Description, "The <c>" + spec.Name + "</c> schema.");
        w.Line("/// <remarks>");
        w.Line("/// From " + what + " in the spec: " + spec.Branches.Count + " branches (" + DocText.Inline(string.Join(", ", spec.Branches.Select(b => b.Name))) + ")"
            + (spec.Discriminator is null ? string.Empty : ", told apart by <c>" + DocText.Inline(spec.Discriminator) + "</c>") + ".");
        w.Line("/// The JSON value is kept as read (<see cref=\"Element\"/>); <see cref=\"Case\"/> is the branch it matches.");
        w.Line("/// </remarks>");
        w.Line(FileHeader.GeneratedCode(context));
        if (spec.Deprecated)
        {
            w.Line("[global::System.Obsolete(\"Deprecated in the spec.\")]");
        }

        w.Line("[global::System.Text.Json.Serialization.JsonConverter(typeof(" + spec.Name + ".JsonConverter))]");
        w.Open(context.Accessibility + " sealed partial class " + spec.Name + " : global::System.IEquatable<" + spec.Name + ">");
        EmitShape(w, spec);
        w.Line();
        w.Open("private " + spec.Name + "(" + Element + " element, Cases @case)");
        w.Line("Element = element;");
        w.Line("Case = @case;");
        w.Close();
        w.Line();
        w.Line("/// <summary>The branches of <see cref=\"" + spec.Name + "\"/>.</summary>");
        w.Open("public enum Cases");
        w.Line("/// <summary>The value matches no branch (a value the spec does not describe); it is still kept in <see cref=\"Element\"/>.</summary>");
        w.Line("Unknown,");
        foreach (var branch in spec.Branches)
        {
            w.Line();
            w.Line("/// <summary>The value is a " + DocText.Inline(Describe(branch.Type)) + ".</summary>");
            w.Line(branch.Name + ",");
        }

        w.Close();
        w.Line();
        w.Line("/// <summary>The JSON value, as read or as built from a branch.</summary>");
        w.Line("public " + Element + " Element { get; }");
        w.Line();
        w.Line("/// <summary>The branch the value matches: named by the discriminator, else the one its kind and members fit best.</summary>");
        w.Line("public Cases Case { get; }");
        w.Line();
        var conversions = ImplicitConversions(spec);
        foreach (var branch in spec.Branches)
        {
            EmitBranch(w, spec, branch, conversions.Contains(branch));
        }

        EmitMatch(w, spec);
        w.Line("/// <summary>Wraps a JSON value, telling which branch it is.</summary>");
        w.Line("/// <param name=\"element\">The value.</param>");
        w.Line("/// <returns>The union.</returns>");
        w.Line("public static " + spec.Name + " FromElement(" + Element + " element) => Create(element.Clone());");
        w.Line();
        w.Line("private static " + spec.Name + " Create(" + Element + " element) => new(element, (Cases)(" + Json + ".JsonUnion.Classify(element, s_shape) + 1));");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public bool Equals(" + spec.Name + "? other) => other is not null && " + Json + ".JsonUnion.ElementEquals(Element, other.Element);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override bool Equals(object? obj) => Equals(obj as " + spec.Name + ");");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override int GetHashCode() => " + Json + ".JsonUnion.ElementHashCode(Element);");
        w.Line();
        w.Line("/// <summary>The branch, not the value: the value may hold secrets.</summary>");
        w.Line("/// <returns>The type and branch name.</returns>");
        w.Line("public override string ToString() => " + SourceWriter.Literal(spec.Name + " { Case = ") + " + Case + \" }\";");
        w.Line();
        w.Line("/// <summary>Compares by JSON value.</summary>");
        w.Line("public static bool operator ==(" + spec.Name + "? left, " + spec.Name + "? right) => left is null ? right is null : left.Equals(right);");
        w.Line();
        w.Line("/// <summary>Compares by JSON value.</summary>");
        w.Line("public static bool operator !=(" + spec.Name + "? left, " + spec.Name + "? right) => !(left == right);");
        w.Line();
        w.Line("/// <summary>Reads and writes <see cref=\"" + spec.Name + "\"/> as the JSON value it holds.</summary>");
        w.Open("public sealed class JsonConverter : global::System.Text.Json.Serialization.JsonConverter<" + spec.Name + ">");
        w.Line("/// <inheritdoc/>");
        w.Line("public override " + spec.Name + " Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) => ReadValue(ref reader);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override void Write(global::System.Text.Json.Utf8JsonWriter writer, " + spec.Name + " value, global::System.Text.Json.JsonSerializerOptions options) => WriteValue(writer, value);");
        w.Line();
        w.Line("/// <summary>Reads one <see cref=\"" + spec.Name + "\"/> at the reader's current token.</summary>");
        w.Line("public static " + spec.Name + " ReadValue(ref global::System.Text.Json.Utf8JsonReader reader) => Create(" + Json + ".JsonRead.Element(ref reader));");
        w.Line();
        w.Line("/// <summary>Writes the JSON value one <see cref=\"" + spec.Name + "\"/> holds.</summary>");
        w.Line("public static void WriteValue(global::System.Text.Json.Utf8JsonWriter writer, " + spec.Name + " value) => value.Element.WriteTo(writer);");
        w.Close();
        w.Close();
    }

    private static void EmitShape(SourceWriter w, UnionSpec spec)
    {
        w.Line("private static readonly " + Json + ".UnionShape s_shape = new(");
        w.Indent();
        w.Line((spec.Discriminator is null ? "null" : SourceWriter.Literal(spec.Discriminator)) + (spec.Branches.Count > 0 ? "," : ");"));
        for (var i = 0; i < spec.Branches.Count; i++)
        {
            var branch = spec.Branches[i];
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
                arguments.Add("constraints: new " + Json + ".UnionConstraint[] { " + string.Join(", ", branch.Constraints.Select(c => "new(" + string.Join(", ", new[] { c.Member }.Concat(c.Values).Select(SourceWriter.Literal)) + ")")) + " }");
            }

            if (branch.Closed)
            {
                arguments.Add("closed: true");
            }

            if (branch.DiscriminatorValues.Count > 0)
            {
                arguments.Add("discriminatorValues: " + Strings(branch.DiscriminatorValues));
            }

            w.Line("new " + Json + ".UnionCase(" + string.Join(", ", arguments) + ")" + (i == spec.Branches.Count - 1 ? ");" : ","));
        }

        w.Outdent();
    }

    private static void EmitBranch(SourceWriter w, UnionSpec spec, UnionBranchSpec branch, bool implicitConversion)
    {
        var type = branch.Type.CSharp;
        var description = DocText.Inline(Describe(branch.Type));
        var reader = "static (ref global::System.Text.Json.Utf8JsonReader r) => " + JsonCode.ReadValue(branch.Type, "r", spec.Name, branch.Name);
        var writer = "static (w, v) => " + JsonCode.WriteValue(branch.Type, "w", "v").TrimEnd(';');
        var valueType = branch.Type.IsValueType;
        w.Line("/// <summary>Whether the value is the <c>" + branch.Name + "</c> branch (a " + description + ").</summary>");
        w.Line("public bool Is" + branch.Name + " => Case == Cases." + branch.Name + ";");
        w.Line();
        w.Line("/// <summary>Reads the value as the <c>" + branch.Name + "</c> branch (a " + description + "), whichever branch <see cref=\"Case\"/> names.</summary>");
        w.Line("/// <param name=\"value\">The branch value, when the value reads as one.</param>");
        w.Line("/// <returns>Whether the value reads as the branch.</returns>");
        if (valueType)
        {
            w.Line("public bool TryGet" + branch.Name + "(out " + type + " value) => " + Json + ".JsonUnion.TryRead<" + type + ">(Element, " + Kinds(branch.Kinds) + ", " + reader + ", out value);");
        }
        else
        {
            w.Open("public bool TryGet" + branch.Name + "([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + type + "? value)");
            w.Line("value = " + Json + ".JsonUnion.Read<" + type + ">(Element, " + Kinds(branch.Kinds) + ", " + reader + ");");
            w.Line("return value is not null;");
            w.Close();
        }

        w.Line();
        w.Line("/// <summary>The value as the <c>" + branch.Name + "</c> branch (a " + description + ").</summary>");
        w.Line("/// <returns>The branch value.</returns>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">The value does not read as this branch.</exception>");
        w.Line("public " + type + " As" + branch.Name + "() => TryGet" + branch.Name + "(out var value) ? value : throw " + Json + ".JsonUnion.NotThisBranch(" + SourceWriter.Literal(spec.Name) + ", " + SourceWriter.Literal(branch.Name) + ");");
        w.Line();
        w.Line("/// <summary>A <see cref=\"" + spec.Name + "\"/> holding a <c>" + branch.Name + "</c> value.</summary>");
        w.Line("/// <param name=\"value\">The branch value.</param>");
        w.Line("/// <returns>The union.</returns>");
        var argument = valueType ? "value" : "value ?? throw new global::System.ArgumentNullException(nameof(value))";
        w.Line("public static " + spec.Name + " From" + branch.Name + "(" + type + " value) => new(" + Json + ".JsonUnion.ToElement<" + type + ">(" + argument + ", " + writer + "), Cases." + branch.Name + ");");
        w.Line();
        if (implicitConversion)
        {
            w.Line("/// <summary>A <see cref=\"" + spec.Name + "\"/> holding a <c>" + branch.Name + "</c> value.</summary>");
            w.Line("/// <param name=\"value\">The branch value.</param>");
            w.Line("public static implicit operator " + spec.Name + "(" + type + " value) => From" + branch.Name + "(value);");
            w.Line();
        }
    }

    private static void EmitMatch(SourceWriter w, UnionSpec spec)
    {
        var names = new NameScope(new[] { "unknown" });
        var parameters = spec.Branches.Select(b => (Branch: b, Parameter: names.Claim(Identifiers.Camel(b.Name)))).ToList();
        w.Line("/// <summary>Calls the function for the branch the value is; <paramref name=\"unknown\"/> when it is none, or does not read as the one it matches.</summary>");
        w.Line("/// <typeparam name=\"TResult\">The result type.</typeparam>");
        foreach (var (branch, parameter) in parameters)
        {
            w.Line("/// <param name=\"" + parameter.TrimStart('@') + "\">Called with the <c>" + branch.Name + "</c> value.</param>");
        }

        w.Line("/// <param name=\"unknown\">Called with the JSON value when it is no branch.</param>");
        w.Line("/// <returns>The function's result.</returns>");
        var signature = parameters.Select(p => "global::System.Func<" + p.Branch.Type.CSharp + ", TResult> " + p.Parameter)
            .Concat(new[] { "global::System.Func<" + Element + ", TResult> unknown" });
        w.Open("public TResult Match<TResult>(" + string.Join(", ", signature) + ")");
        foreach (var (_, parameter) in parameters)
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(" + parameter + ");");
        }

        w.Line("global::System.ArgumentNullException.ThrowIfNull(unknown);");
        w.Open("return Case switch");
        var index = 0;
        foreach (var (branch, parameter) in parameters)
        {
            w.Line("Cases." + branch.Name + " when TryGet" + branch.Name + "(out var v" + index + ") => " + parameter + "(v" + index + "),");
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
            return Json + ".JsonKinds.Any";
        }

        var names = new[] { JsonKinds.Object, JsonKinds.Array, JsonKinds.String, JsonKinds.Integer, JsonKinds.Number, JsonKinds.Boolean, JsonKinds.Null }
            .Where(k => (kinds & k) != 0)
            .Select(k => Json + ".JsonKinds." + k)
            .ToList();
        return names.Count == 0 ? Json + ".JsonKinds.None" : string.Join(" | ", names);
    }
}
