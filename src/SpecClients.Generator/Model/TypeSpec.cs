namespace SpecClients.Generator.Model;

/// <summary>A generated record or enum.</summary>
internal abstract record TypeSpec(string Name, string? Description, bool Deprecated);

/// <summary>A <c>sealed record</c> for an object schema, with its hand-rolled JSON converter.</summary>
/// <param name="AdditionalProperties">The value type of members not declared in <paramref name="Properties"/>; unknown members are always kept.</param>
/// <param name="Discriminator">The subtypes a discriminator mapping names (<c>allOf</c> inheritance), reachable through typed accessors.</param>
/// <param name="IsMultipartBody">
/// The fields of a multipart body with file parts: the record has no JSON converter and no additional members, since it
/// only ever travels as parts.
/// </param>
internal sealed record ObjectSpec(
    string Name,
    string? Description,
    bool Deprecated,
    EquatableArray<PropertySpec> Properties,
    TypeRef AdditionalProperties,
    string AdditionalPropertiesName,
    DiscriminatorSpec? Discriminator = null,
    bool IsMultipartBody = false) : TypeSpec(Name, Description, Deprecated);

/// <summary>A discriminator on an object schema whose mapping names schemas that extend it through <c>allOf</c>.</summary>
/// <param name="PropertyName">The C# property of the base record that holds the discriminator value.</param>
/// <param name="JsonName">The discriminator member's JSON name.</param>
/// <param name="IsEnum">Whether that property is a generated enum (compared through its wire value).</param>
internal sealed record DiscriminatorSpec(string PropertyName, string JsonName, bool IsEnum, EquatableArray<DiscriminatorCaseSpec> Cases);

/// <summary>One mapping entry: the wire value, the subtype, and the stem of its accessors (<c>Is</c>, <c>TryGet</c>, <c>From</c>).</summary>
internal sealed record DiscriminatorCaseSpec(string Value, string Name, TypeRef Type);

/// <summary>
/// An enum: a string <c>enum</c> list, or a <c>oneOf</c> of <c>const</c> values (strings or integers); wire values are
/// kept exactly.
/// </summary>
/// <param name="IsInteger">The values are JSON integers (a <c>oneOf</c> of integer <c>const</c>s), else strings.</param>
/// <param name="Extensible">
/// A <c>readonly struct</c> that keeps a value the spec does not list (read, compared and written back unchanged),
/// rather than a C# <c>enum</c> that rejects it; <c>SpecClients_Enums</c> chooses.
/// </param>
internal sealed record EnumSpec(
    string Name,
    string? Description,
    bool Deprecated,
    EquatableArray<EnumMemberSpec> Members,
    bool IsInteger = false,
    bool Extensible = false) : TypeSpec(Name, Description, Deprecated);

/// <param name="WireValue">The value as the spec writes it; an integer in invariant culture when the enum's values are integers.</param>
/// <param name="Description">The value's own description (from its <c>oneOf</c> branch), for its XML doc.</param>
internal sealed record EnumMemberSpec(string WireValue, string Name, string? Description = null);

/// <summary>A member of an object schema.</summary>
/// <param name="JsonName">The member's name on the wire.</param>
/// <param name="Name">The C# property name.</param>
/// <param name="Required">Listed in the schema's <c>required</c>: must be present on the wire.</param>
/// <param name="Nullable">The wire value may be <c>null</c>.</param>
/// <param name="Sensitive">Holds a secret: never printed by <c>ToString()</c>.</param>
/// <param name="ReadOnly">Set by the server only (<c>readOnly</c>): never required of the caller.</param>
/// <param name="WriteOnly">Sent by the caller only (<c>writeOnly</c>): absent from responses even when required.</param>
internal sealed record PropertySpec(
    string JsonName,
    string Name,
    TypeRef Type,
    bool Required,
    bool Nullable,
    bool Sensitive,
    bool Deprecated,
    string? Description,
    bool ReadOnly = false,
    bool WriteOnly = false)
{
    /// <summary>
    /// Non-nullable in C# only when every message promises a non-null value: required, not nullable, and neither
    /// read-only (requests omit it) nor write-only (responses omit it).
    /// </summary>
    public bool IsNullableInCSharp => !Required || Nullable || ReadOnly || WriteOnly;

    /// <summary>Whether C# callers must set the member (<c>required</c>): required on the wire and not set by the server.</summary>
    public bool IsRequiredInCSharp => Required && !ReadOnly;

    /// <summary>Whether reading fails when the member is absent: only when every message must carry it.</summary>
    public bool MustBePresent => Required && !ReadOnly && !WriteOnly;
}
