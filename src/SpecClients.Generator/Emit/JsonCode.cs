using SpecClients.Generator.Model;
using static SpecClients.Generator.Emit.KnownTypes;

namespace SpecClients.Generator.Emit;

/// <summary>C# expressions and statements that read and write one JSON value of a <see cref="TypeRef"/>.</summary>
internal static class JsonCode
{
    /// <summary>An expression reading a non-null value from <paramref name="reader"/> (a <c>ref Utf8JsonReader</c> variable).</summary>
    public static string ReadValue(TypeRef type, string reader, string owner, string member, int depth = 0)
    {
        var args = $"ref {reader}, {SourceWriter.Literal(owner)}, {SourceWriter.Literal(member)}";
        switch (type.Kind)
        {
            case TypeKind.String: return $"{JsonRead}.String({args})";
            case TypeKind.Int32: return $"{JsonRead}.Int32({args})";
            case TypeKind.Int64: return $"{JsonRead}.Int64({args})";
            case TypeKind.Single: return $"{JsonRead}.Single({args})";
            case TypeKind.Double: return $"{JsonRead}.Double({args})";
            case TypeKind.Decimal: return $"{JsonRead}.Decimal({args})";
            case TypeKind.Boolean: return $"{JsonRead}.Boolean({args})";
            case TypeKind.DateTimeOffset: return $"{JsonRead}.DateTimeOffset({args})";
            case TypeKind.Guid: return $"{JsonRead}.Guid({args})";
            case TypeKind.Bytes:
            case TypeKind.Binary:
                return $"{JsonRead}.Bytes({args})";
            case TypeKind.Object:
            case TypeKind.Union:
                return $"{type.Name}.JsonConverter.ReadValue(ref {reader})";
            case TypeKind.Enum:
            case TypeKind.IntegerEnum:
                return $"{type.Name}Extensions.ReadJson({args})";
            case TypeKind.Array:
            case TypeKind.Map:
            {
                var (head, arguments) = ReadCollectionCall(type, reader, owner, member, depth);
                return head + string.Join(", ", arguments) + ")";
            }

            default:
                return $"{JsonRead}.Element(ref {reader})";
        }
    }

    /// <summary>
    /// The call reading an array or map, as its head (up to the open parenthesis) and arguments, so a writer can break a
    /// long one over lines.
    /// </summary>
    public static (string Head, string[] Arguments) ReadCollectionCall(TypeRef type, string reader, string owner, string member, int depth = 0)
    {
        // The element type is spelled out: the list or dictionary read must convert to the declared
        // IReadOnlyList/IReadOnlyDictionary of interfaces (a map of lists is not covariant), and explicit type
        // arguments spare the compiler inferring them through nested lambdas.
        var method = type.Kind == TypeKind.Array ? "Array" : "Map";
        var item = ReadFunc(type.Element!, owner, member, depth + 1);
        return ($"{JsonRead}.{method}<{type.Element!.CSharp}>(", new[] { "ref " + reader, SourceWriter.Literal(owner), SourceWriter.Literal(member), item });
    }

    /// <summary>
    /// A <c>JsonReadFunc&lt;T&gt;</c> for the type: the generated converter's <c>ReadValue</c> as a method group where
    /// there is one, else a static lambda (its reader named by <paramref name="depth"/>, so nested lambdas do not clash).
    /// </summary>
    public static string ReadFunc(TypeRef type, string owner, string member, int depth = 1)
    {
        if (type.Kind is TypeKind.Object or TypeKind.Union)
        {
            return type.Name + ".JsonConverter.ReadValue";
        }

        var reader = "r" + depth;
        return $"static (ref {Utf8JsonReader} {reader}) => {ReadValue(type, reader, owner, member, depth)}";
    }

    /// <summary>
    /// A <c>JsonWriteAction&lt;T&gt;</c> for the type: the generated converter's <c>WriteValue</c> as a method group
    /// where there is one, else a static lambda.
    /// </summary>
    public static string WriteAction(TypeRef type, int depth = 1)
    {
        if (type.Kind is TypeKind.Object or TypeKind.Union)
        {
            return type.Name + ".JsonConverter.WriteValue";
        }

        var writer = "w" + depth;
        var value = "v" + depth;
        return $"static ({writer}, {value}) => {WriteExpression(type, writer, value, depth)}";
    }

    /// <summary>A statement writing a non-null <paramref name="value"/> with <paramref name="writer"/>.</summary>
    public static string WriteValue(TypeRef type, string writer, string value) => WriteExpression(type, writer, value, 0) + ";";

    /// <summary>The expression (of type void) writing a non-null <paramref name="value"/> with <paramref name="writer"/>.</summary>
    private static string WriteExpression(TypeRef type, string writer, string value, int depth) => type.Kind switch
    {
        TypeKind.String or TypeKind.DateTimeOffset or TypeKind.Guid => $"{writer}.WriteStringValue({value})",
        TypeKind.Int32 or TypeKind.Int64 or TypeKind.Single or TypeKind.Double or TypeKind.Decimal => $"{writer}.WriteNumberValue({value})",
        TypeKind.Boolean => $"{writer}.WriteBooleanValue({value})",
        TypeKind.Bytes or TypeKind.Binary => $"{writer}.WriteBase64StringValue({value})",
        TypeKind.Object or TypeKind.Union => $"{type.Name}.JsonConverter.WriteValue({writer}, {value})",
        TypeKind.Enum => $"{writer}.WriteStringValue({value}.ToWireValue())",
        TypeKind.IntegerEnum => $"{writer}.WriteNumberValue({value}.ToWireNumber())",
        TypeKind.Array or TypeKind.Map => WriteCollectionHead(type) + string.Join(", ", WriteCollectionArguments(type, writer, value, depth)) + ")",
        _ => $"{value}.WriteTo({writer})",
    };

    /// <summary>The call writing an array or map up to its open parenthesis (<see cref="WriteCollectionArguments"/> follow).</summary>
    public static string WriteCollectionHead(TypeRef type) =>
        $"{JsonWrite}.{(type.Kind == TypeKind.Array ? "Array" : "Map")}<{type.Element!.CSharp}>(";

    /// <summary>The arguments of the call writing an array or map: the writer, the value and the item writer.</summary>
    public static string[] WriteCollectionArguments(TypeRef type, string writer, string value, int depth = 0) =>
        new[] { writer, value, WriteAction(type.Element!, depth + 1) };

    /// <summary>
    /// One statement writing a member's pre-encoded name (a <c>JsonEncodedText</c> expression) and non-null value together, for
    /// the types <c>Utf8JsonWriter</c> has such a method for; null for the others. One call instead of two is what
    /// System.Text.Json's own fast path does, and it is one line less of generated code per member.
    /// </summary>
    public static string? WriteMember(TypeRef type, string writer, string encodedName, string value) => type.Kind switch
    {
        TypeKind.String or TypeKind.DateTimeOffset or TypeKind.Guid => $"{writer}.WriteString({encodedName}, {value});",
        TypeKind.Enum => $"{writer}.WriteString({encodedName}, {value}.ToWireValue());",
        TypeKind.IntegerEnum => $"{writer}.WriteNumber({encodedName}, {value}.ToWireNumber());",
        TypeKind.Int32 or TypeKind.Int64 or TypeKind.Single or TypeKind.Double or TypeKind.Decimal => $"{writer}.WriteNumber({encodedName}, {value});",
        TypeKind.Boolean => $"{writer}.WriteBoolean({encodedName}, {value});",
        TypeKind.Bytes or TypeKind.Binary => $"{writer}.WriteBase64String({encodedName}, {value});",
        _ => null,
    };

    /// <summary>
    /// The runtime's <c>JsonWrite.*Member</c> helper that writes a member's pre-encoded name and value, or nothing when the
    /// value is null (called with the writer, the name and the value), for the types it exists for; null for the others.
    /// </summary>
    public static string? WriteMemberOrSkip(TypeRef type) =>
        PrimitiveHelperName(type) is { } name ? $"{JsonWrite}.{name}Member" : null;

    /// <summary>
    /// The name the runtime's per-type helpers share for a primitive (<c>JsonRead.{name}OrNull</c>,
    /// <c>JsonWrite.{name}Member</c>); null for the other kinds.
    /// </summary>
    private static string? PrimitiveHelperName(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "String",
        TypeKind.Int32 => "Int32",
        TypeKind.Int64 => "Int64",
        TypeKind.Single => "Single",
        TypeKind.Double => "Double",
        TypeKind.Decimal => "Decimal",
        TypeKind.Boolean => "Boolean",
        TypeKind.DateTimeOffset => "DateTimeOffset",
        TypeKind.Guid => "Guid",
        TypeKind.Bytes or TypeKind.Binary => "Bytes",
        _ => null,
    };

    /// <summary>An expression formatting a non-null value as a parameter or form field string.</summary>
    public static string Format(TypeRef type, string value) => type.Kind switch
    {
        TypeKind.String => value,
        TypeKind.Enum or TypeKind.IntegerEnum => value + ".ToWireValue()",
        TypeKind.Union => $"{ParameterFormat}.Format({value}.Element)",
        TypeKind.Object or TypeKind.Array or TypeKind.Map => $"{JsonWrite}.ToJsonString({value}, {WriteAction(type)})",
        _ => $"{ParameterFormat}.Format({value})",
    };

    /// <summary>
    /// An expression reading a member's value or JSON null with one runtime call (<c>JsonRead.Int32OrNull</c> and the
    /// like), for the types the runtime has such a reader for; null for the others.
    /// </summary>
    public static string? ReadOrNull(TypeRef type, string reader, string owner, string member) =>
        PrimitiveHelperName(type) is { } name
            ? $"{JsonRead}.{name}OrNull(ref {reader}, {SourceWriter.Literal(owner)}, {SourceWriter.Literal(member)})"
            : null;

    /// <summary>
    /// The constructor of a generated <c>JsonConverter</c>: the runtime base class routes the serializer's calls to
    /// <paramref name="read"/> and <paramref name="write"/> (a <c>JsonReadFunc</c> and a <c>JsonWriteAction</c>).
    /// </summary>
    public static void WriteConverterConstructor(SourceWriter w, string read, string write) =>
        w.List("public JsonConverter() : base(", new[] { read, write }, ") { }");
}
