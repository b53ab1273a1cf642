using System.Linq;
using SpecClients.Generator.Model;
using static SpecClients.Generator.Emit.KnownTypes;

namespace SpecClients.Generator.Emit;

/// <summary>
/// Emits an enum and the mapping to and from its wire values: by default an extensible <c>readonly struct</c> (the listed
/// values as static readonly fields; any other value the API sends is kept and written back unchanged), or, with
/// <c>SpecClients_Enums=strict</c>, a C# <c>enum</c> whose unknown values fail to read. Either way generated code reaches it
/// through the same calls: <c>value.ToWireValue()</c> (text, for parameters), <c>value.ToWireNumber()</c> (integer enums),
/// <c>{Name}Extensions.ReadJson</c> and <c>{Name}Extensions.JsonConverter</c>.
/// </summary>
internal static class EnumEmitter
{
    /// <summary>Writes the type into a file that <see cref="FileHeader.Start"/> began.</summary>
    public static void Write(SourceWriter w, SpecContext context, EnumSpec spec)
    {
        var name = spec.Name;
        var summary = spec.Extensible
            ? $"The <c>{name}</c> values. Values the spec does not list are kept as the API sends them."
            : $"The <c>{name}</c> values.";
        w.Summary(spec.Description, summary);
        w.Line(FileHeader.GeneratedCode(context));
        if (spec.Deprecated)
        {
            w.Line(DeprecatedAttribute);
        }

        w.Line($"[{JsonConverterAttribute}(typeof({name}Extensions.JsonConverter))]");
        if (spec.Extensible)
        {
            WriteStruct(w, context, spec);
        }
        else
        {
            WriteEnum(w, context, spec);
        }
    }

    private static void MemberDoc(SourceWriter w, EnumMemberSpec member) =>
        w.Summary(member.Description, $"Wire value <c>{DocText.Inline(member.WireValue)}</c>.");

    /// <summary>
    /// The Azure SDK's extensible enum: a struct over the wire value, so a value added to the API after the spec was
    /// written reads, compares and writes back byte for byte. No reflection: AOT-safe.
    /// </summary>
    private static void WriteStruct(SourceWriter w, SpecContext context, EnumSpec spec)
    {
        var name = spec.Name;
        var (field, valueType) = spec.IsInteger ? ("long", "long") : ("string?", "string");
        w.Open($"{context.Accessibility} readonly struct {name} : {IEquatable}<{name}>");
        w.Line($"private readonly {field} _value;");
        w.Line();
        w.SummaryMarkup("The value with this wire value, whether the spec lists it or not.");
        if (spec.IsInteger)
        {
            w.Line($"public {name}(long value) => _value = value;");
        }
        else
        {
            w.Open($"public {name}(string value)");
            w.Line($"_value = value ?? throw new {ArgumentNullException}(nameof(value));");
            w.Close();
        }

        foreach (var member in spec.Members)
        {
            w.Line();
            MemberDoc(w, member);
            // Fields, as the design guidelines ask of predefined instances, not properties: a property adds an accessor
            // method per value to compile, and enums of hundreds of values are common.
            w.Line($"public static readonly {name} {member.Name} = new({Literal(spec, member)});");
        }

        // A table the runtime searches, not a switch or an `is a or b or …` pattern: the compiler hashes and emits a string
        // switch per enum (a large spec has hundreds, some of hundreds of values), and `or` patterns nest one level per
        // value where enums of tens of thousands of values exist (the generator's reliability tests compile one).
        w.Line();
        w.Line($"private static readonly {KnownValues}<{valueType}> s_known =").Indent();
        w.ArrayInitializer($"new(new {valueType}[] ", spec.Members.Select(member => Literal(spec, member)).ToList(), ");", typed: true);
        w.Outdent();
        w.Line();
        w.SummaryMarkup("Whether the spec lists this value (one of the static fields).");
        w.Line("public bool IsKnown => s_known.Contains(_value);");
        w.Line();
        if (spec.IsInteger)
        {
            w.Lines($$"""
                /// <summary>The value as the API writes it.</summary>
                public long ToWireNumber() => _value;

                /// <summary>The value as text, as parameters send it.</summary>
                public string ToWireValue() => {{ParameterFormat}}.Format(_value);

                /// <summary>The wire value.</summary>
                public override string ToString() => ToWireValue();

                """);
        }
        else
        {
            w.Lines($$"""
                /// <summary>The value as the API writes it.</summary>
                public string ToWireValue() => {{JsonRead}}.EnumText(_value, {{SourceWriter.Literal(name)}});

                /// <summary>The wire value (empty for a <c>default</c> one).</summary>
                public override string ToString() => _value ?? string.Empty;

                """);
        }

        // The conversion from the wire value is explicit: an implicit one from string would give `c ? null : value` the
        // struct's type (null converted through it) where generated readers mean a Nullable.
        var hash = spec.IsInteger ? "_value.GetHashCode()" : "_value is null ? 0 : _value.GetHashCode()";
        w.Lines($$"""
            /// <summary>Whether both hold the same wire value (compared exactly, case included).</summary>
            public bool Equals({{name}} other) => _value == other._value;

            /// <inheritdoc/>
            public override bool Equals(object? obj) => obj is {{name}} other && Equals(other);

            /// <inheritdoc/>
            public override int GetHashCode() => {{hash}};

            /// <summary>Whether both hold the same wire value.</summary>
            public static bool operator ==({{name}} left, {{name}} right) => left.Equals(right);

            /// <summary>Whether the wire values differ.</summary>
            public static bool operator !=({{name}} left, {{name}} right) => !left.Equals(right);

            /// <summary>The value with this wire value.</summary>
            public static explicit operator {{name}}({{valueType}} value) => new(value);
            """);
        w.Close();
        w.Line();
        WriteHelperStart(w, context, spec);
        var read = spec.IsInteger ? "Int64" : "String";
        w.Lines($$"""
            /// <summary>Reads the value at the reader's current token (used by generated converters).</summary>
            {{HiddenFromIntelliSense}}
            public static {{name}} ReadJson(ref {{Utf8JsonReader}} reader, string owner, string member)
            {
                return new({{JsonRead}}.{{read}}(ref reader, owner, member));
            }

            """);
        WriteConverter(w, spec);
        w.Close();
    }

    private static void WriteEnum(SourceWriter w, SpecContext context, EnumSpec spec)
    {
        var name = spec.Name;
        w.Open($"{context.Accessibility} enum {name}" + (spec.IsInteger ? " : long" : string.Empty));
        foreach (var member in spec.Members)
        {
            MemberDoc(w, member);
            w.Line(member.Name + (spec.IsInteger ? " = " + Literal(spec, member) : string.Empty) + ",");
        }

        w.Close();
        w.Line();
        WriteHelperStart(w, context, spec);
        if (spec.IsInteger)
        {
            w.Lines($$"""
                /// <summary>The value as the spec writes it.</summary>
                public static long ToWireNumber(this {{name}} value) => (long)value;

                /// <summary>The value as text, as parameters send it.</summary>
                public static string ToWireValue(this {{name}} value) => {{ParameterFormat}}.Format((long)value);

                """);
        }
        else
        {
            w.SummaryMarkup("The value as the spec writes it.");
            w.Open($"public static string ToWireValue(this {name} value) => value switch");
            foreach (var member in spec.Members)
            {
                w.Line($"{name}.{member.Name} => {SourceWriter.Literal(member.WireValue)},");
            }

            w.Line($"_ => throw new {ArgumentOutOfRangeException}(nameof(value)),");
            w.Close(";");
            w.Line();
        }

        var wireType = spec.IsInteger ? "long" : "string";
        w.SummaryMarkup("Parses a wire value; false when the spec does not list it.");
        w.Open($"public static bool TryParseWireValue({wireType} wireValue, out {name} value)");
        w.Open("switch (wireValue)");
        foreach (var member in spec.Members)
        {
            w.Line($"case {Literal(spec, member)}: value = {name}.{member.Name}; return true;");
        }

        w.Line("default: value = default; return false;");
        w.Close();
        w.Close();
        w.Line();
        var (read, text) = spec.IsInteger ? ("Int64", $"{ParameterFormat}.Format(wire)") : ("String", "wire");
        w.Lines($$"""
            /// <summary>Reads the value at the reader's current token (used by generated converters).</summary>
            {{HiddenFromIntelliSense}}
            public static {{name}} ReadJson(ref {{Utf8JsonReader}} reader, string owner, string member)
            {
                var wire = {{JsonRead}}.{{read}}(ref reader, owner, member);
                return TryParseWireValue(wire, out var value)
                    ? value
                    : throw {{JsonRead}}.UnknownEnumValue(owner, member, {{SourceWriter.Literal(name)}}, {{text}});
            }

            """);
        WriteConverter(w, spec);
        w.Close();
    }

    private static void WriteHelperStart(SourceWriter w, SpecContext context, EnumSpec spec)
    {
        if (spec.Extensible)
        {
            // The struct itself is what users touch; this class only serves generated code.
            w.SummaryMarkup($"Reads and writes <see cref=\"{spec.Name}\"/> as JSON (used by generated code).");
            w.Line(FileHeader.GeneratedCode(context));
            w.Line(HiddenFromIntelliSense);
        }
        else
        {
            w.SummaryMarkup($"Wire values of <see cref=\"{spec.Name}\"/>.");
            w.Line(FileHeader.GeneratedCode(context));
        }

        w.Open($"{context.Accessibility} static class {spec.Name}Extensions");
    }

    private static void WriteConverter(SourceWriter w, EnumSpec spec)
    {
        var name = spec.Name;
        w.SummaryMarkup($"Reads and writes <see cref=\"{name}\"/> as its wire value.");
        w.Open($"public sealed class JsonConverter : {GeneratedJsonConverter}<{name}>");
        var write = spec.IsInteger ? "writer.WriteNumberValue(value.ToWireNumber())" : "writer.WriteStringValue(value.ToWireValue())";
        JsonCode.WriteConverterConstructor(
            w,
            read: $"static (ref {Utf8JsonReader} reader) => ReadJson(ref reader, {SourceWriter.Literal(name)}, \"$\")",
            write: $"static (writer, value) => {write}");
        w.Close();
    }

    /// <summary>A member's wire value as a C# literal: the number itself (kept canonical by the parser) for an integer enum.</summary>
    private static string Literal(EnumSpec spec, EnumMemberSpec member) =>
        spec.IsInteger ? member.WireValue : SourceWriter.Literal(member.WireValue);
}
