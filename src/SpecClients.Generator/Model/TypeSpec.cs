namespace SpecClients.Generator.Model;

/// <summary>A generated record or enum.</summary>
internal abstract record TypeSpec(string Name, string? Description, bool Deprecated);

/// <summary>A <c>sealed record</c> for an object schema, with its hand-rolled JSON converter.</summary>
/// <param name="AdditionalProperties">The value type of members not declared in <paramref name="Properties"/>; unknown members are always kept.</param>
internal sealed record ObjectSpec(
    string Name,
    string? Description,
    bool Deprecated,
    EquatableArray<PropertySpec> Properties,
    TypeRef AdditionalProperties,
    string AdditionalPropertiesName) : TypeSpec(Name, Description, Deprecated);

/// <summary>A C# enum for a string enum schema; wire values are kept exactly.</summary>
internal sealed record EnumSpec(
    string Name,
    string? Description,
    bool Deprecated,
    EquatableArray<EnumMemberSpec> Members) : TypeSpec(Name, Description, Deprecated);

internal sealed record EnumMemberSpec(string WireValue, string Name);

/// <summary>A member of an object schema.</summary>
/// <param name="JsonName">The member's name on the wire.</param>
/// <param name="Name">The C# property name.</param>
/// <param name="Required">Listed in the schema's <c>required</c>: must be present on the wire.</param>
/// <param name="Nullable">The wire value may be <c>null</c>.</param>
/// <param name="Sensitive">Holds a secret: never printed by <c>ToString()</c>.</param>
internal sealed record PropertySpec(
    string JsonName,
    string Name,
    TypeRef Type,
    bool Required,
    bool Nullable,
    bool Sensitive,
    bool Deprecated,
    string? Description)
{
    /// <summary>Non-nullable in C# only when the wire promises a non-null value.</summary>
    public bool IsNullableInCSharp => !Required || Nullable;
}
