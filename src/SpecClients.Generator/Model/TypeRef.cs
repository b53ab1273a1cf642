namespace SpecClients.Generator.Model;

/// <summary>How a value is represented in C# and read from and written to JSON.</summary>
internal enum TypeKind
{
    String,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Boolean,
    DateTimeOffset,
    Guid,
    Bytes,
    Object,
    /// <summary>A generated enum of string values.</summary>
    Enum,

    /// <summary>A generated enum of integer values (a <c>oneOf</c> of integer <c>const</c>s), written as a JSON number.</summary>
    IntegerEnum,
    Array,
    Map,
    Any,
    Binary,

    /// <summary>A file part of a multipart body (<c>format: binary</c> there): the runtime's <c>FilePart</c>.</summary>
    File,

    /// <summary>A <c>oneOf</c>/<c>anyOf</c> (or a type array): a generated class holding the JSON value, with typed accessors per branch.</summary>
    Union,
}

/// <summary>A reference to a C# type; <see cref="Name"/> is global-qualified for generated types.</summary>
/// <param name="Element">The element type of an array or the value type of a map.</param>
internal sealed record TypeRef(TypeKind Kind, string Name, TypeRef? Element = null)
{
    public static readonly TypeRef Any = new(TypeKind.Any, "global::System.Text.Json.JsonElement");
    public static readonly TypeRef String = new(TypeKind.String, "string");
    public static readonly TypeRef File = new(TypeKind.File, "global::SpecClients.Runtime.Http.FilePart");

    public bool IsValueType => Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Single or TypeKind.Double
        or TypeKind.Decimal or TypeKind.Boolean or TypeKind.DateTimeOffset or TypeKind.Guid or TypeKind.Enum or TypeKind.IntegerEnum
        or TypeKind.Any;

    /// <summary>The C# type as written in a declaration.</summary>
    public string CSharp => Kind switch
    {
        TypeKind.Array => $"global::System.Collections.Generic.IReadOnlyList<{Element!.CSharp}>",
        TypeKind.Map => $"global::System.Collections.Generic.IReadOnlyDictionary<string, {Element!.CSharp}>",
        _ => Name,
    };


    public string Nullable(bool nullable) => nullable ? CSharp + "?" : CSharp;
}
