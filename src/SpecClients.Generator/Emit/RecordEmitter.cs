using System.Globalization;
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
        // Overriding the compiler's PrintMembers keeps secrets out of ToString() while leaving the rest readable; one
        // runtime call per record keeps it cheap to compile.
        var names = spec.Properties.Select(p => SourceWriter.Literal(p.Name)).ToList();
        var values = spec.Properties.Select(p => !p.Sensitive
            ? p.Name
            : p.Type.IsValueType && !p.IsNullableInCSharp ? $"{RecordText}.Masked" : $"{RecordText}.Mask({p.Name})").ToList();
        if (!spec.IsMultipartBody)
        {
            names.Add(SourceWriter.Literal(spec.AdditionalPropertiesName));
            values.Add($"{RecordText}.MemberCount({spec.AdditionalPropertiesName})");
        }

        w.Line($"private bool PrintMembers({StringBuilder} builder) => {RecordText}.Print(").Indent().Line("builder,");
        if (names.Count == 0)
        {
            w.Line(EmptyStringArray + ",").Line(EmptyObjectArray + ");");
        }
        else
        {
            w.ArrayInitializer(string.Empty, names, ",");
            w.ArrayInitializer("new object?[] ", values, ");", typed: true);
        }

        w.Outdent();
    }

    private static void EmitConverter(SourceWriter w, ObjectSpec spec)
    {
        w.SummaryMarkup($"Reads and writes <see cref=\"{spec.Name}\"/> without reflection.");
        w.Open($"public sealed class JsonConverter : {GeneratedJsonConverter}<{spec.Name}>");
        EmitMembers(w, spec);
        JsonCode.WriteConverterConstructor(w, "ReadValue", "WriteValue");
        w.Line();
        EmitRead(w, spec);
        w.Line();
        EmitWrite(w, spec);
        w.Close();
    }

    /// <summary>
    /// The type's member table: names looked up while reading, encoded once for writing, and the required ones. One
    /// array of string constants costs the compiler far less than a comparison, a UTF-8 literal and a field per member.
    /// </summary>
    private static void EmitMembers(SourceWriter w, ObjectSpec spec)
    {
        var names = spec.Properties.Select(p => SourceWriter.Literal(p.JsonName)).ToArray();
        var required = Enumerable.Range(0, spec.Properties.Count).Where(i => spec.Properties[i].MustBePresent)
            .Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var head = $"private static readonly {JsonMembers} s_members = new(";
        if (names.Length == 0)
        {
            w.Line(head + SourceWriter.Literal(spec.Name) + ", " + EmptyStringArray + ");");
        }
        else
        {
            w.Line(head).Indent().Line(SourceWriter.Literal(spec.Name) + ",");
            if (required.Length == 0)
            {
                w.ArrayInitializer(string.Empty, names, ");");
            }
            else
            {
                w.ArrayInitializer(string.Empty, names, ",");
                w.ArrayInitializer(string.Empty, required, ");");
            }

            w.Outdent();
        }

        w.Line();
    }

    private static void EmitRead(SourceWriter w, ObjectSpec spec)
    {
        var owner = SourceWriter.Literal(spec.Name);
        w.SummaryMarkup($"Reads one <see cref=\"{spec.Name}\"/> at the reader's current token.");
        w.Open($"public static {spec.Name} ReadValue(ref {Utf8JsonReader} reader)");
        w.Line($"{JsonRead}.StartObject(ref reader, {owner});");
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            w.Line($"{spec.Properties[i].Type.CSharp}? p{i} = default;");
        }

        w.Line($"{Dictionary}<string, {spec.AdditionalProperties.CSharp}>? additional = null;");
        w.Line($"var seen = default({JsonMemberSet});");

        // Members kept as JSON are collected by the runtime's Next; typed ones are read here, after the switch.
        var collectsAdditional = spec.AdditionalProperties.Kind == TypeKind.Any;
        w.Open(collectsAdditional
            ? "while (s_members.Next(ref reader, ref seen, ref additional, out var index))"
            : "while (s_members.Next(ref reader, ref seen, out var index))");
        var isNull = $"reader.TokenType == {JsonTokenType}.Null";
        if (spec.Properties.Count > 0)
        {
            w.Open("switch (index)");
            for (var i = 0; i < spec.Properties.Count; i++)
            {
                var property = spec.Properties[i];
                w.Line($"case {i}:").Indent();
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

                w.Line("continue;").Outdent();
            }

            w.Close();
        }

        if (!collectsAdditional)
        {
            // Not a declared member: the reader is at its name.
            if (spec.Properties.Count > 0)
            {
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
        }

        w.Close();
        w.Line();
        if (spec.Properties.Any(p => p.MustBePresent))
        {
            w.Line("s_members.EnsureRequired(in seen);");
        }

        for (var i = 0; i < spec.Properties.Count; i++)
        {
            if (!spec.Properties[i].IsNullableInCSharp)
            {
                w.Wrap($"if (p{i} is null)", $"throw s_members.NullMember({i});");
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
        w.SummaryMarkup($"Writes one <see cref=\"{spec.Name}\"/>, including the members kept from reading.");
        w.Open($"public static void WriteValue({Utf8JsonWriter} writer, {spec.Name} value)");
        w.Line("writer.WriteStartObject();");
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            var encodedName = $"s_members[{i}]";
            var writesNull = property.Required && property.Nullable && !property.ReadOnly && !property.WriteOnly;
            if (!writesNull && JsonCode.WriteMemberOrSkip(property.Type) is { } orSkip)
            {
                // One runtime call with a name of its own: no pattern, and no overload resolution among Utf8JsonWriter's
                // dozens of WriteString/WriteNumber overloads, which cost the compiler more than the rest of the line.
                w.List(orSkip + "(", new[] { "writer", encodedName, "value." + property.Name }, ");");
                continue;
            }

            if (!property.IsNullableInCSharp)
            {
                WriteMember(w, property.Type, encodedName, "value." + property.Name);
                continue;
            }

            w.Open($"if (value.{property.Name} is {{ }} v{i})");
            WriteMember(w, property.Type, encodedName, "v" + i);
            w.Close();
            if (writesNull)
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
