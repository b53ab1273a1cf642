using System.Linq;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>Emits a <c>sealed record</c> for an object schema and its reflection-free JSON converter.</summary>
internal static class RecordEmitter
{
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";

    /// <summary>Writes the type into a file that <see cref="FileHeader.Start"/> began.</summary>
    public static void Write(SourceWriter w, SpecContext context, ObjectSpec spec)
    {
        w.Summary(spec.Description, spec.IsMultipartBody ? "The parts of a <c>multipart/form-data</c> request body." : "The <c>" + spec.Name + "</c> schema.");
        w.Line(FileHeader.GeneratedCode(context));
        if (spec.Deprecated)
        {
            w.Line("[global::System.Obsolete(\"Deprecated in the spec.\")]");
        }

        if (!spec.IsMultipartBody)
        {
            w.Line("[global::System.Text.Json.Serialization.JsonConverter(typeof(" + spec.Name + ".JsonConverter))]");
        }

        w.Open(context.Accessibility + " sealed partial record " + spec.Name);
        foreach (var property in spec.Properties)
        {
            w.Summary(property.Description, "The <c>" + DocText.Inline(property.JsonName) + "</c> member.");
            w.Line("/// <remarks>" + (spec.IsMultipartBody ? "Part name" : "JSON name") + ": <c>" + DocText.Inline(property.JsonName) + "</c>" + (property.Required ? "; required" : string.Empty) + (property.Nullable ? "; may be null" : string.Empty)
                + (property.ReadOnly ? "; read-only: set by the server" : string.Empty) + (property.WriteOnly ? "; write-only: not returned by the server" : string.Empty)
                + (property.Sensitive ? "; sensitive: never printed" : string.Empty) + ".</remarks>");
            if (property.Deprecated)
            {
                w.Line("[global::System.Obsolete(\"Deprecated in the spec.\")]");
            }

            var required = property.IsRequiredInCSharp ? "required " : string.Empty;
            w.Line("public " + required + property.Type.Nullable(property.IsNullableInCSharp) + " " + property.Name + " { get; init; }");
            w.Line();
        }

        if (spec.IsMultipartBody)
        {
            // Sent only as the parts of a multipart body: no JSON converter, and no undeclared members to keep.
            EmitPrintMembers(w, spec);
            w.Close();
            return;
        }

        w.Line("/// <summary>Members the schema does not declare, kept so that nothing the server sends is lost.</summary>");
        w.Line("public global::System.Collections.Generic.IReadOnlyDictionary<string, " + spec.AdditionalProperties.CSharp + ">? " + spec.AdditionalPropertiesName + " { get; init; }");
        w.Line();
        if (spec.Discriminator is { } discriminator)
        {
            EmitDiscriminator(w, spec, discriminator);
        }

        EmitPrintMembers(w, spec);
        w.Line();
        EmitConverter(w, spec);
        w.Close();
    }

    /// <summary>Typed access to the subtypes a discriminator mapping names, for a base record they extend through allOf.</summary>
    private static void EmitDiscriminator(SourceWriter w, ObjectSpec spec, DiscriminatorSpec discriminator)
    {
        var value = discriminator.IsEnum ? discriminator.PropertyName + "?.ToWireValue()" : discriminator.PropertyName;
        foreach (var item in discriminator.Cases)
        {
            var literal = SourceWriter.Literal(item.Value);
            var cref = item.Type.Name.Substring("global::".Length);
            w.Line("/// <summary>Whether <c>" + DocText.Inline(discriminator.JsonName) + "</c> is <c>" + DocText.Inline(item.Value) + "</c>, the value that names <see cref=\"" + cref + "\"/>.</summary>");
            w.Line("public bool Is" + item.Name + " => " + value + " == " + literal + ";");
            w.Line();
            w.Line("/// <summary>This value read as a <see cref=\"" + cref + "\"/>, when <c>" + DocText.Inline(discriminator.JsonName) + "</c> names it: the subtype's members come from <see cref=\"" + spec.AdditionalPropertiesName + "\"/>.</summary>");
            w.Line("/// <param name=\"value\">The subtype value, or null.</param>");
            w.Line("/// <returns>Whether the discriminator names the subtype and the value reads as one.</returns>");
            w.Open("public bool TryGet" + item.Name + "([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + item.Type.Name + "? value)");
            w.Line("value = Is" + item.Name + " ? global::SpecClients.Runtime.Json.JsonUnion.Convert<" + spec.Name + ", " + item.Type.Name + ">(this, static (w, v) => JsonConverter.WriteValue(w, v), static (ref global::System.Text.Json.Utf8JsonReader r) => " + item.Type.Name + ".JsonConverter.ReadValue(ref r)) : null;");
            w.Line("return value is not null;");
            w.Close();
            w.Line();
            w.Line("/// <summary>The base view of a <see cref=\"" + cref + "\"/>: the members it adds are kept in <see cref=\"" + spec.AdditionalPropertiesName + "\"/> and written back.</summary>");
            w.Line("/// <param name=\"value\">The subtype value.</param>");
            w.Line("/// <returns>The same JSON as this base type.</returns>");
            w.Line("public static " + spec.Name + " From" + item.Name + "(" + item.Type.Name + " value) => global::SpecClients.Runtime.Json.JsonUnion.Convert<" + item.Type.Name + ", " + spec.Name + ">(value ?? throw new global::System.ArgumentNullException(nameof(value)), static (w, v) => " + item.Type.Name + ".JsonConverter.WriteValue(w, v), static (ref global::System.Text.Json.Utf8JsonReader r) => JsonConverter.ReadValue(ref r)) ?? throw new global::System.Text.Json.JsonException(" + SourceWriter.Literal("The value does not read as " + spec.Name + ".") + ");");
            w.Line();
        }
    }

    private static void EmitPrintMembers(SourceWriter w, ObjectSpec spec)
    {
        // Overriding the compiler's PrintMembers keeps secrets out of ToString() while leaving the rest readable.
        w.Open("private bool PrintMembers(global::System.Text.StringBuilder builder)");
        var first = true;
        foreach (var property in spec.Properties)
        {
            var separator = first ? string.Empty : ", ";
            first = false;
            if (property.Sensitive)
            {
                w.Line(property.Type.IsValueType && !property.IsNullableInCSharp
                    ? "builder.Append(" + SourceWriter.Literal(separator + property.Name + " = ***") + ");"
                    : "builder.Append(" + SourceWriter.Literal(separator + property.Name + " = ") + ").Append(" + property.Name + " is null ? \"null\" : \"***\");");
            }
            else
            {
                w.Line("builder.Append(" + SourceWriter.Literal(separator + property.Name + " = ") + ").Append((object?)" + property.Name + ");");
            }
        }

        if (spec.IsMultipartBody)
        {
            w.Line("return true;");
            w.Close();
            return;
        }

        var lastSeparator = first ? string.Empty : ", ";
        w.Line("builder.Append(" + SourceWriter.Literal(lastSeparator + spec.AdditionalPropertiesName + " = ") + ").Append(" + spec.AdditionalPropertiesName + " is null ? \"null\" : " + spec.AdditionalPropertiesName + ".Count + \" member(s)\");");
        w.Line("return true;");
        w.Close();
    }

    private static void EmitConverter(SourceWriter w, ObjectSpec spec)
    {
        w.Line("/// <summary>Reads and writes <see cref=\"" + spec.Name + "\"/> without reflection.</summary>");
        w.Open("public sealed class JsonConverter : global::System.Text.Json.Serialization.JsonConverter<" + spec.Name + ">");
        w.Line("/// <inheritdoc/>");
        w.Line("public override " + spec.Name + " Read(ref " + Reader + " reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) => ReadValue(ref reader);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override void Write(" + Writer + " writer, " + spec.Name + " value, global::System.Text.Json.JsonSerializerOptions options) => WriteValue(writer, value);");
        w.Line();
        EmitRead(w, spec);
        w.Line();
        EmitWrite(w, spec);
        w.Close();
    }

    private static void EmitRead(SourceWriter w, ObjectSpec spec)
    {
        var owner = SourceWriter.Literal(spec.Name);
        w.Line("/// <summary>Reads one <see cref=\"" + spec.Name + "\"/> at the reader's current token.</summary>");
        w.Open("public static " + spec.Name + " ReadValue(ref " + Reader + " reader)");
        w.Line("global::SpecClients.Runtime.Json.JsonRead.StartObject(ref reader, " + owner + ");");
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            w.Line(property.Type.CSharp + "? p" + i + " = default;");
            if (property.MustBePresent)
            {
                w.Line("var has" + i + " = false;");
            }
        }

        w.Line("global::System.Collections.Generic.Dictionary<string, " + spec.AdditionalProperties.CSharp + ">? additional = null;");
        w.Open("while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)");
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            w.Open("if (reader.ValueTextEquals(" + SourceWriter.Utf8Literal(property.JsonName) + "))");
            w.Line("reader.Read();");
            if (property.MustBePresent)
            {
                w.Line("has" + i + " = true;");
            }

            w.Line("p" + i + " = reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : " + JsonCode.ReadValue(property.Type, "reader", spec.Name, property.JsonName) + ";");
            w.Line("continue;");
            w.Close();
            w.Line();
        }

        w.Line("var name = reader.GetString()!;");
        w.Line("reader.Read();");
        w.Line("(additional ??= new global::System.Collections.Generic.Dictionary<string, " + spec.AdditionalProperties.CSharp + ">(global::System.StringComparer.Ordinal))[name] = "
            + (spec.AdditionalProperties.IsValueType ? string.Empty : "reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null! : ")
            + JsonCode.ReadValue(spec.AdditionalProperties, "reader", spec.Name, "*") + ";");
        w.Close();
        w.Line();

        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            var member = SourceWriter.Literal(property.JsonName);
            if (property.MustBePresent)
            {
                w.Line("if (!has" + i + ") throw global::SpecClients.Runtime.Json.JsonRead.MissingMember(" + owner + ", " + member + ");");
            }

            if (!property.IsNullableInCSharp)
            {
                w.Line("if (p" + i + " is null) throw global::SpecClients.Runtime.Json.JsonRead.NullMember(" + owner + ", " + member + ");");
            }
        }

        w.Open("return new " + spec.Name);
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            var value = "p" + i;
            if (!property.IsNullableInCSharp)
            {
                value = property.Type.IsValueType ? value + ".Value" : value + "!";
            }

            w.Line(property.Name + " = " + value + ",");
        }

        w.Line(spec.AdditionalPropertiesName + " = additional,");
        w.Close(";");
        w.Close();
    }

    private static void WriteMember(SourceWriter w, TypeRef type, string encodedName, string value)
    {
        if (JsonCode.WriteMember(type, "writer", encodedName, value) is { } together)
        {
            w.Line(together);
            return;
        }

        w.Line("writer.WritePropertyName(" + encodedName + ");");
        w.Line(JsonCode.WriteValue(type, "writer", value));
    }

    private static void EmitWrite(SourceWriter w, ObjectSpec spec)
    {
        // Names encoded once per type: the writer then skips checking them for characters to escape on every write.
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            w.Line("private static readonly global::System.Text.Json.JsonEncodedText N" + i + " = global::SpecClients.Runtime.Json.JsonWrite.Name(" + SourceWriter.Utf8Literal(spec.Properties[i].JsonName) + ");");
        }

        if (spec.Properties.Count > 0)
        {
            w.Line();
        }

        w.Line("/// <summary>Writes one <see cref=\"" + spec.Name + "\"/>, including the members kept from reading.</summary>");
        w.Open("public static void WriteValue(" + Writer + " writer, " + spec.Name + " value)");
        w.Line("writer.WriteStartObject();");
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            var encodedName = "N" + i;
            if (!property.IsNullableInCSharp)
            {
                WriteMember(w, property.Type, encodedName, "value." + property.Name);
                continue;
            }

            w.Open("if (value." + property.Name + " is { } v" + i + ")");
            WriteMember(w, property.Type, encodedName, "v" + i);
            w.Close();
            if (property.Required && property.Nullable && !property.ReadOnly && !property.WriteOnly)
            {
                // Required but nullable: the member must be present, so write an explicit null.
                w.Open("else");
                w.Line("writer.WriteNull(" + encodedName + ");");
                w.Close();
            }
        }

        w.Line("global::SpecClients.Runtime.Json.JsonWrite.WriteMembers(writer, value." + spec.AdditionalPropertiesName + ", static (w, v) => " + JsonCode.WriteValue(spec.AdditionalProperties, "w", "v").TrimEnd(';') + ");");
        w.Line("writer.WriteEndObject();");
        w.Close();
    }
}
