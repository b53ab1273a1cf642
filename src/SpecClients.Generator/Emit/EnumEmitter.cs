using SpecClients.Generator.Model;
using static SpecClients.Generator.Emit.KnownTypes;

namespace SpecClients.Generator.Emit;

/// <summary>Emits a C# enum for a string enum schema and the mapping to and from its wire values.</summary>
internal static class EnumEmitter
{
    /// <summary>Writes the type into a file that <see cref="FileHeader.Start"/> began.</summary>
    public static void Write(SourceWriter w, SpecContext context, EnumSpec spec)
    {
        var name = spec.Name;
        w.Summary(spec.Description, $"The <c>{name}</c> values.");
        w.Line(FileHeader.GeneratedCode(context));
        if (spec.Deprecated)
        {
            w.Line(DeprecatedAttribute);
        }

        w.Line($"[{JsonConverterAttribute}(typeof({name}Extensions.JsonConverter))]");
        w.Open($"{context.Accessibility} enum {name}");
        foreach (var member in spec.Members)
        {
            w.SummaryMarkup($"Wire value <c>{DocText.Inline(member.WireValue)}</c>.");
            w.Line(member.Name + ",");
        }

        w.Close();
        w.Line();
        w.SummaryMarkup($"Wire values of <see cref=\"{name}\"/>.");
        w.Line(FileHeader.GeneratedCode(context));
        w.Open($"{context.Accessibility} static class {name}Extensions");
        w.SummaryMarkup("The value as the spec writes it.");
        w.Open($"public static string ToWireValue(this {name} value) => value switch");
        foreach (var member in spec.Members)
        {
            w.Line($"{name}.{member.Name} => {SourceWriter.Literal(member.WireValue)},");
        }

        w.Line($"_ => throw new {ArgumentOutOfRangeException}(nameof(value)),");
        w.Close(";");
        w.Line();
        w.SummaryMarkup("Parses a wire value; false when the spec does not list it.");
        w.Open($"public static bool TryParseWireValue(string wireValue, out {name} value)");
        w.Open("switch (wireValue)");
        foreach (var member in spec.Members)
        {
            w.Line($"case {SourceWriter.Literal(member.WireValue)}: value = {name}.{member.Name}; return true;");
        }

        w.Line("default: value = default; return false;");
        w.Close();
        w.Close();
        w.Line();
        w.Lines($$"""
            /// <summary>Reads the value at the reader's current token (used by generated converters).</summary>
            {{HiddenFromIntelliSense}}
            public static {{name}} ReadJson(ref {{Utf8JsonReader}} reader, string owner, string member)
            {
                var text = {{JsonRead}}.String(ref reader, owner, member);
                return TryParseWireValue(text, out var value)
                    ? value
                    : throw {{JsonRead}}.UnknownEnumValue(owner, member, {{SourceWriter.Literal(name)}});
            }

            """);
        w.SummaryMarkup($"Reads and writes <see cref=\"{name}\"/> as its wire value.");
        w.Open($"public sealed class JsonConverter : {GeneratedJsonConverter}<{name}>");
        JsonCode.WriteConverterConstructor(
            w,
            read: $"static (ref {Utf8JsonReader} reader) => ReadJson(ref reader, {SourceWriter.Literal(name)}, \"$\")",
            write: "static (writer, value) => writer.WriteStringValue(value.ToWireValue())");
        w.Close();
        w.Close();
    }
}
