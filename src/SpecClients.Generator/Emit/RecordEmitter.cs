using System.Linq;
using SpecClients.Generator.Model;
using static SpecClients.Generator.Emit.KnownTypes;

namespace SpecClients.Generator.Emit;

/// <summary>Emits a <c>sealed record</c> for an object schema and its reflection-free JSON converter.</summary>
internal static class RecordEmitter
{
    /// <summary>Writes the type into a file that <see cref="FileHeader.Start"/> began.</summary>
    public static void Write(SourceWriter w, SpecContext context, ObjectSpec spec)
    {
        w.Summary(spec.Description, spec.IsMultipartBody ? "The parts of a <c>multipart/form-data</c> request body." : $"The <c>{spec.Name}</c> schema.");
        w.Line(FileHeader.GeneratedCode(context));
        if (spec.Deprecated)
        {
            w.Line(DeprecatedAttribute);
        }

        if (!spec.IsMultipartBody)
        {
            w.Line($"[{JsonConverterAttribute}(typeof({spec.Name}.JsonConverter))]");
        }

        w.Open($"{context.Accessibility} sealed partial record {spec.Name}");
        foreach (var property in spec.Properties)
        {
            w.Summary(property.Description, $"The <c>{DocText.Inline(property.JsonName)}</c> member.");
            w.Doc("remarks", Remarks(spec, property));
            // [Obsolete] on a C# required member is CS9042, so a required member says its deprecation in its remarks instead.
            if (property.Deprecated && !property.IsRequiredInCSharp)
            {
                w.Line(DeprecatedAttribute);
            }

            var required = property.IsRequiredInCSharp ? "required " : string.Empty;
            w.Wrap($"public {required}{property.Type.Nullable(property.IsNullableInCSharp)}", $"{property.Name} {{ get; init; }}");
            w.Line();
        }

        if (spec.IsMultipartBody)
        {
            // Sent only as the parts of a multipart body: no JSON converter, and no undeclared members to keep.
            EmitPrintMembers(w, spec);
            w.Close();
            return;
        }

        w.SummaryMarkup("Members the schema does not declare, kept so that nothing the server sends is lost.");
        w.Wrap($"public {IReadOnlyDictionary}<string, {spec.AdditionalProperties.CSharp}>?", $"{spec.AdditionalPropertiesName} {{ get; init; }}");
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

    /// <summary>What a property's doc remarks say: its wire name and the facts the spec gives about it.</summary>
    private static string Remarks(ObjectSpec spec, PropertySpec property) =>
        (spec.IsMultipartBody ? "Part name" : "JSON name") + ": <c>" + DocText.Inline(property.JsonName) + "</c>"
        + (property.Required ? "; required" : string.Empty)
        + (property.Nullable ? "; may be null" : string.Empty)
        + (property.ReadOnly ? "; read-only: set by the server" : string.Empty)
        + (property.WriteOnly ? "; write-only: not returned by the server" : string.Empty)
        + (property.Sensitive ? "; sensitive: never printed" : string.Empty)
        + (property.Deprecated && property.IsRequiredInCSharp ? "; " + RequiredDeprecatedRemark : string.Empty) + ".";

    /// <summary>Typed access to the subtypes a discriminator mapping names, for a base record they extend through allOf.</summary>
    private static void EmitDiscriminator(SourceWriter w, ObjectSpec spec, DiscriminatorSpec discriminator)
    {
        var value = discriminator.IsEnum ? discriminator.PropertyName + "?.ToWireValue()" : discriminator.PropertyName;
        var member = $"<c>{DocText.Inline(discriminator.JsonName)}</c>";
        foreach (var item in discriminator.Cases)
        {
            var subtype = item.Type.Name;
            w.SummaryMarkup($"Whether {member} is <c>{DocText.Inline(item.Value)}</c>, the value that names <see cref=\"{subtype}\"/>.");
            w.Line($"public bool Is{item.Name} => {value} == {SourceWriter.Literal(item.Value)};");
            w.Line();
            w.SummaryMarkup($"This value read as a <see cref=\"{subtype}\"/>, when {member} names it: the subtype's members come from "
                + $"<see cref=\"{spec.AdditionalPropertiesName}\"/>.");
            w.Doc("param name=\"value\"", "The subtype value, or null.");
            w.Doc("returns", "Whether the discriminator names the subtype and the value reads as one.");
            w.OpenList($"public bool TryGet{item.Name}(", new[] { $"{NotNullWhenTrue} out {subtype}? value" });
            var convert = $"{JsonUnion}.Convert<{spec.Name}, {subtype}>(this, JsonConverter.WriteValue, {subtype}.JsonConverter.ReadValue)";
            w.Wrap($"value = Is{item.Name}", $"? {convert}", ": null;");
            w.Line("return value is not null;");
            w.Close();
            w.Line();
            w.SummaryMarkup($"The base view of a <see cref=\"{subtype}\"/>: the members it adds are kept in "
                + $"<see cref=\"{spec.AdditionalPropertiesName}\"/> and written back.");
            w.Doc("param name=\"value\"", "The subtype value.");
            w.Doc("returns", "The same JSON as this base type.");
            w.Open($"public static {spec.Name} From{item.Name}({subtype} value)");
            w.Line($"{ArgumentNullException}.ThrowIfNull(value);");
            w.Wrap(
                $"return {JsonUnion}.Convert<{subtype}, {spec.Name}>(value, {subtype}.JsonConverter.WriteValue, JsonConverter.ReadValue)",
                $"?? throw new {JsonException}({SourceWriter.Literal("The value does not read as " + spec.Name + ".")});");
            w.Close();
            w.Line();
        }
    }

    private static void EmitPrintMembers(SourceWriter w, ObjectSpec spec)
    {
        // Overriding the compiler's PrintMembers keeps secrets out of ToString() while leaving the rest readable.
        w.Open($"private bool PrintMembers({StringBuilder} builder)");
        var first = true;
        foreach (var property in spec.Properties)
        {
            var separator = first ? string.Empty : ", ";
            first = false;
            if (property.Sensitive && property.Type.IsValueType && !property.IsNullableInCSharp)
            {
                w.Line($"builder.Append({SourceWriter.Literal(separator + property.Name + " = ***")});");
                continue;
            }

            var shown = property.Sensitive ? $"{property.Name} is null ? \"null\" : \"***\"" : $"(object?){property.Name}";
            w.Chain($"builder.Append({SourceWriter.Literal(separator + property.Name + " = ")})", $".Append({shown});");
        }

        if (spec.IsMultipartBody)
        {
            w.Line("return true;");
            w.Close();
            return;
        }

        var name = spec.AdditionalPropertiesName;
        var lastSeparator = first ? string.Empty : ", ";
        w.Chain(
            $"builder.Append({SourceWriter.Literal(lastSeparator + name + " = ")})",
            $".Append({name} is null ? \"null\" : {name}.Count + \" member(s)\");");
        w.Line("return true;");
        w.Close();
    }

    private static void EmitConverter(SourceWriter w, ObjectSpec spec)
    {
        w.SummaryMarkup($"Reads and writes <see cref=\"{spec.Name}\"/> without reflection.");
        w.Open($"public sealed class JsonConverter : {GeneratedJsonConverter}<{spec.Name}>");
        JsonCode.WriteConverterConstructor(w, "ReadValue", "WriteValue");
        w.Line();
        EmitRead(w, spec);
        w.Line();
        EmitWrite(w, spec);
        w.Close();
    }

    private static void EmitRead(SourceWriter w, ObjectSpec spec)
    {
        var owner = SourceWriter.Literal(spec.Name);
        w.SummaryMarkup($"Reads one <see cref=\"{spec.Name}\"/> at the reader's current token.");
        w.Open($"public static {spec.Name} ReadValue(ref {Utf8JsonReader} reader)");
        w.Line($"{JsonRead}.StartObject(ref reader, {owner});");
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            w.Line($"{property.Type.CSharp}? p{i} = default;");
            if (property.MustBePresent)
            {
                w.Line($"var has{i} = false;");
            }
        }

        w.Line($"{Dictionary}<string, {spec.AdditionalProperties.CSharp}>? additional = null;");
        w.Open($"while (reader.Read() && reader.TokenType != {JsonTokenType}.EndObject)");
        var isNull = $"reader.TokenType == {JsonTokenType}.Null";
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            w.Open($"if (reader.ValueTextEquals({SourceWriter.Utf8Literal(property.JsonName)}))");
            w.Line("reader.Read();");
            if (property.MustBePresent)
            {
                w.Line($"has{i} = true;");
            }

            if (JsonCode.ReadOrNull(property.Type, "reader", spec.Name, property.JsonName) is { } readOrNull)
            {
                w.Wrap($"p{i} =", readOrNull + ";");
            }
            else if (property.Type.Kind is TypeKind.Array or TypeKind.Map)
            {
                // A collection's read is a call with an item reader: its arguments go on lines of their own when long.
                var (head, arguments) = JsonCode.ReadCollectionCall(property.Type, "reader", spec.Name, property.JsonName);
                w.Line($"p{i} = {isNull}").Indent().Line("? null").List(": " + head, arguments, ");").Outdent();
            }
            else
            {
                w.Wrap($"p{i} = {isNull}", "? null", $": {JsonCode.ReadValue(property.Type, "reader", spec.Name, property.JsonName)};");
            }

            w.Line("continue;");
            w.Close();
            w.Line();
        }

        w.Line("var name = reader.GetString()!;");
        w.Line("reader.Read();");
        w.Line($"additional ??= new({StringComparer}.Ordinal);");
        var readAdditional = JsonCode.ReadValue(spec.AdditionalProperties, "reader", spec.Name, "*") + ";";
        if (spec.AdditionalProperties.IsValueType)
        {
            w.Wrap("additional[name] =", readAdditional);
        }
        else
        {
            w.Wrap($"additional[name] = {isNull}", "? null!", ": " + readAdditional);
        }

        w.Close();
        w.Line();

        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            var member = SourceWriter.Literal(property.JsonName);
            if (property.MustBePresent)
            {
                w.Wrap($"if (!has{i})", $"throw {JsonRead}.MissingMember({owner}, {member});");
            }

            if (!property.IsNullableInCSharp)
            {
                w.Wrap($"if (p{i} is null)", $"throw {JsonRead}.NullMember({owner}, {member});");
            }
        }

        w.Open("return new " + spec.Name);
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            var value = "p" + i;
            if (!property.IsNullableInCSharp)
            {
                value += property.Type.IsValueType ? ".Value" : "!";
            }

            w.Line($"{property.Name} = {value},");
        }

        w.Line($"{spec.AdditionalPropertiesName} = additional,");
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

        w.Line($"writer.WritePropertyName({encodedName});");
        if (type.Kind is TypeKind.Array or TypeKind.Map)
        {
            w.List(JsonCode.WriteCollectionHead(type), JsonCode.WriteCollectionArguments(type, "writer", value), ");");
            return;
        }

        w.Line(JsonCode.WriteValue(type, "writer", value));
    }

    private static void EmitWrite(SourceWriter w, ObjectSpec spec)
    {
        // Names encoded once per type: the writer then skips checking them for characters to escape on every write.
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            w.Wrap($"private static readonly {JsonEncodedText} N{i} =", $"{JsonWrite}.Name({SourceWriter.Utf8Literal(spec.Properties[i].JsonName)});");
        }

        if (spec.Properties.Count > 0)
        {
            w.Line();
        }

        w.SummaryMarkup($"Writes one <see cref=\"{spec.Name}\"/>, including the members kept from reading.");
        w.Open($"public static void WriteValue({Utf8JsonWriter} writer, {spec.Name} value)");
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

            w.Open($"if (value.{property.Name} is {{ }} v{i})");
            WriteMember(w, property.Type, encodedName, "v" + i);
            w.Close();
            if (property.Required && property.Nullable && !property.ReadOnly && !property.WriteOnly)
            {
                // Required but nullable: the member must be present, so write an explicit null.
                w.Open("else");
                w.Line($"writer.WriteNull({encodedName});");
                w.Close();
            }
        }

        var additional = new[] { "writer", "value." + spec.AdditionalPropertiesName, JsonCode.WriteAction(spec.AdditionalProperties) };
        w.List($"{JsonWrite}.WriteMembers(", additional, ");");
        w.Line("writer.WriteEndObject();");
        w.Close();
    }
}
