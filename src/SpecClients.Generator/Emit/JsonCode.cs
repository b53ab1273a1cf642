using System;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>C# expressions and statements that read and write one JSON value of a <see cref="TypeRef"/>.</summary>
internal static class JsonCode
{
    private const string Read = "global::SpecClients.Runtime.Json.JsonRead";
    private const string Write = "global::SpecClients.Runtime.Json.JsonWrite";

    /// <summary>An expression reading a non-null value from <paramref name="reader"/> (a <c>ref Utf8JsonReader</c> variable).</summary>
    public static string ReadValue(TypeRef type, string reader, string owner, string member, int depth = 0)
    {
        var args = "ref " + reader + ", " + SourceWriter.Literal(owner) + ", " + SourceWriter.Literal(member);
        switch (type.Kind)
        {
            case TypeKind.String: return Read + ".String(" + args + ")";
            case TypeKind.Int32: return Read + ".Int32(" + args + ")";
            case TypeKind.Int64: return Read + ".Int64(" + args + ")";
            case TypeKind.Single: return Read + ".Single(" + args + ")";
            case TypeKind.Double: return Read + ".Double(" + args + ")";
            case TypeKind.Decimal: return Read + ".Decimal(" + args + ")";
            case TypeKind.Boolean: return Read + ".Boolean(" + args + ")";
            case TypeKind.DateTimeOffset: return Read + ".DateTimeOffset(" + args + ")";
            case TypeKind.Guid: return Read + ".Guid(" + args + ")";
            case TypeKind.Bytes:
            case TypeKind.Binary:
                return Read + ".Bytes(" + args + ")";
            case TypeKind.Object:
            case TypeKind.Union:
                return type.Name + ".JsonConverter.ReadValue(ref " + reader + ")";
            case TypeKind.Enum: return type.Name + "Extensions.ReadJson(" + args + ")";
            case TypeKind.Array:
            case TypeKind.Map:
            {
                // The element type is spelled out: the list or dictionary read must convert to the declared
                // IReadOnlyList/IReadOnlyDictionary of interfaces (a map of lists is not covariant), and explicit type
                // arguments spare the compiler inferring them through nested lambdas.
                var inner = "r" + (depth + 1);
                var method = type.Kind == TypeKind.Array ? ".Array<" : ".Map<";
                return Read + method + type.Element!.CSharp + ">(" + args + ", static (ref global::System.Text.Json.Utf8JsonReader " + inner + ") => " + ReadValue(type.Element!, inner, owner, member, depth + 1) + ")";
            }

            default:
                return Read + ".Element(ref " + reader + ")";
        }
    }

    /// <summary>A statement writing a non-null <paramref name="value"/> with <paramref name="writer"/>.</summary>
    public static string WriteValue(TypeRef type, string writer, string value, int depth = 0)
    {
        switch (type.Kind)
        {
            case TypeKind.String: return writer + ".WriteStringValue(" + value + ");";
            case TypeKind.Int32:
            case TypeKind.Int64:
            case TypeKind.Single:
            case TypeKind.Double:
            case TypeKind.Decimal:
                return writer + ".WriteNumberValue(" + value + ");";
            case TypeKind.Boolean: return writer + ".WriteBooleanValue(" + value + ");";
            case TypeKind.DateTimeOffset:
            case TypeKind.Guid:
                return writer + ".WriteStringValue(" + value + ");";
            case TypeKind.Bytes:
            case TypeKind.Binary:
                return writer + ".WriteBase64StringValue(" + value + ");";
            case TypeKind.Object:
            case TypeKind.Union:
                return type.Name + ".JsonConverter.WriteValue(" + writer + ", " + value + ");";
            case TypeKind.Enum: return writer + ".WriteStringValue(" + value + ".ToWireValue());";
            case TypeKind.Array:
            case TypeKind.Map:
            {
                var w = "w" + (depth + 1);
                var v = "v" + (depth + 1);
                var method = type.Kind == TypeKind.Array ? ".Array<" : ".Map<";
                method += type.Element!.CSharp + ">(";
                var inner = WriteValue(type.Element!, w, v, depth + 1);
                return Write + method + writer + ", " + value + ", static (" + w + ", " + v + ") => " + TrimSemicolon(inner) + ");";
            }

            default:
                return value + ".WriteTo(" + writer + ");";
        }
    }

    /// <summary>
    /// One statement writing a member's pre-encoded name (a <c>JsonEncodedText</c> expression) and non-null value together, for
    /// the types <c>Utf8JsonWriter</c> has such a method for; null for the others. One call instead of two is what
    /// System.Text.Json's own fast path does, and it is one line less of generated code per member.
    /// </summary>
    public static string? WriteMember(TypeRef type, string writer, string encodedName, string value) => type.Kind switch
    {
        TypeKind.String or TypeKind.DateTimeOffset or TypeKind.Guid => writer + ".WriteString(" + encodedName + ", " + value + ");",
        TypeKind.Enum => writer + ".WriteString(" + encodedName + ", " + value + ".ToWireValue());",
        TypeKind.Int32 or TypeKind.Int64 or TypeKind.Single or TypeKind.Double or TypeKind.Decimal => writer + ".WriteNumber(" + encodedName + ", " + value + ");",
        TypeKind.Boolean => writer + ".WriteBoolean(" + encodedName + ", " + value + ");",
        TypeKind.Bytes or TypeKind.Binary => writer + ".WriteBase64String(" + encodedName + ", " + value + ");",
        _ => null,
    };

    /// <summary>An expression formatting a non-null value as a parameter or form field string.</summary>
    public static string Format(TypeRef type, string value) => type.Kind switch
    {
        TypeKind.String => value,
        TypeKind.Enum => value + ".ToWireValue()",
        TypeKind.Union => "global::SpecClients.Runtime.Json.ParameterFormat.Format(" + value + ".Element)",
        TypeKind.Object => "global::SpecClients.Runtime.Json.JsonWrite.ToJsonString(" + value + ", static (w, v) => " + TrimSemicolon(WriteValue(type, "w", "v")) + ")",
        TypeKind.Array or TypeKind.Map => "global::SpecClients.Runtime.Json.JsonWrite.ToJsonString(" + value + ", static (w, v) => " + TrimSemicolon(WriteValue(type, "w", "v")) + ")",
        TypeKind.Binary => "global::SpecClients.Runtime.Json.ParameterFormat.Format(" + value + ")",
        _ => "global::SpecClients.Runtime.Json.ParameterFormat.Format(" + value + ")",
    };

    private static string TrimSemicolon(string statement) => statement.EndsWith(";", StringComparison.Ordinal) ? statement.Substring(0, statement.Length - 1) : statement;
}
