using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>Emits a C# enum for a string enum schema and the mapping to and from its wire values.</summary>
internal static class EnumEmitter
{
    /// <summary>Writes the type into a file that <see cref="FileHeader.Start"/> began.</summary>
    public static void Write(SourceWriter w, SpecContext context, EnumSpec spec)
    {
        w.Summary(spec.Description, "The <c>" + spec.Name + "</c> values.");
        w.Line(FileHeader.GeneratedCode(context));
        if (spec.Deprecated)
        {
            w.Line("[global::System.Obsolete(\"Deprecated in the spec.\")]");
        }

        w.Line("[global::System.Text.Json.Serialization.JsonConverter(typeof(" + spec.Name + "Extensions.JsonConverter))]");
        w.Open(context.Accessibility + " enum " + spec.Name);
        foreach (var member in spec.Members)
        {
            w.Line("/// <summary>Wire value <c>" + DocText.Inline(member.WireValue) + "</c>.</summary>");
            w.Line(member.Name + ",");
        }

        w.Close();
        w.Line();
        w.Line("/// <summary>Wire values of <see cref=\"" + spec.Name + "\"/>.</summary>");
        w.Line(FileHeader.GeneratedCode(context));
        w.Open(context.Accessibility + " static class " + spec.Name + "Extensions");
        w.Line("/// <summary>The value as the spec writes it.</summary>");
        w.Open("public static string ToWireValue(this " + spec.Name + " value) => value switch");
        foreach (var member in spec.Members)
        {
            w.Line(spec.Name + "." + member.Name + " => " + SourceWriter.Literal(member.WireValue) + ",");
        }

        w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value)),");
        w.Close(";");
        w.Line();
        w.Line("/// <summary>Parses a wire value; false when the spec does not list it.</summary>");
        w.Open("public static bool TryParseWireValue(string wireValue, out " + spec.Name + " value)");
        w.Open("switch (wireValue)");
        foreach (var member in spec.Members)
        {
            w.Line("case " + SourceWriter.Literal(member.WireValue) + ": value = " + spec.Name + "." + member.Name + "; return true;");
        }

        w.Line("default: value = default; return false;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <summary>Reads the value at the reader's current token (used by generated converters).</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open("public static " + spec.Name + " ReadJson(ref global::System.Text.Json.Utf8JsonReader reader, string owner, string member)");
        w.Line("var text = global::SpecClients.Runtime.Json.JsonRead.String(ref reader, owner, member);");
        w.Line("return TryParseWireValue(text, out var value) ? value : throw global::SpecClients.Runtime.Json.JsonRead.UnknownEnumValue(owner, member, " + SourceWriter.Literal(spec.Name) + ");");
        w.Close();
        w.Line();
        w.Line("/// <summary>Reads and writes <see cref=\"" + spec.Name + "\"/> as its wire value.</summary>");
        w.Open("public sealed class JsonConverter : global::System.Text.Json.Serialization.JsonConverter<" + spec.Name + ">");
        w.Line("/// <inheritdoc/>");
        w.Line("public override " + spec.Name + " Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) => ReadJson(ref reader, " + SourceWriter.Literal(spec.Name) + ", \"$\");");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override void Write(global::System.Text.Json.Utf8JsonWriter writer, " + spec.Name + " value, global::System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.ToWireValue());");
        w.Close();
        w.Close();
    }
}
