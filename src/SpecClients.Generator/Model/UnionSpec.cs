using System;

namespace SpecClients.Generator.Model;

/// <summary>
/// A <c>oneOf</c>, <c>anyOf</c> or type array: a class holding the JSON value, told apart by the discriminator or by the
/// shape of each branch, with typed accessors (<c>Is</c>, <c>TryGet</c>, <c>As</c>, <c>From</c>, <c>Match</c>) per branch.
/// </summary>
/// <param name="Keyword">The construct it comes from: <c>oneOf</c>, <c>anyOf</c> or <c>type</c>.</param>
/// <param name="Discriminator">The JSON name of the discriminator member, when the schema has one.</param>
internal sealed record UnionSpec(
    string Name,
    string? Description,
    bool Deprecated,
    string Keyword,
    string? Discriminator,
    EquatableArray<UnionBranchSpec> Branches) : TypeSpec(Name, Description, Deprecated);

/// <summary>The kinds of JSON value a branch accepts; mirrors <c>SpecClients.Runtime.Json.JsonKinds</c>.</summary>
[Flags]
internal enum JsonKinds
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Integer = 8,
    Number = 16,
    Boolean = 32,
    Null = 64,
    Any = Object | Array | String | Integer | Number | Boolean,
}

/// <summary>One branch of a union and what tells it apart.</summary>
/// <param name="Name">The stem of its accessors: <c>IsCard</c>, <c>TryGetCard</c>…</param>
/// <param name="Format">A string format the value must have (<c>date-time</c>, <c>uuid</c>, <c>byte</c>).</param>
/// <param name="Values">The values the branch allows (a string enum or <c>const</c>); empty for any.</param>
/// <param name="Required">Members an object must have.</param>
/// <param name="Known">Members the branch declares; each one present counts towards the branch.</param>
/// <param name="Constraints">Members whose values are fixed (enums, <c>const</c>): a present member with another value rules the branch out.</param>
/// <param name="Closed"><c>additionalProperties: false</c>: an undeclared member rules the branch out.</param>
/// <param name="DiscriminatorValues">The discriminator values that select this branch.</param>
/// <param name="MatchParameter">Its function's parameter in the union's <c>Match</c> method.</param>
/// <param name="KeptAsJson">
/// The schema of an object the branch holds as JSON instead of a generated type: an expandable reference's object that
/// an operation selection reaches no other way; null for every other branch.
/// </param>
internal sealed record UnionBranchSpec(
    string Name,
    TypeRef Type,
    JsonKinds Kinds,
    string? Format,
    EquatableArray<string> Values,
    EquatableArray<string> Required,
    EquatableArray<string> Known,
    EquatableArray<UnionConstraintSpec> Constraints,
    bool Closed,
    EquatableArray<string> DiscriminatorValues,
    string MatchParameter,
    string? KeptAsJson = null);

/// <summary>A member of an object branch whose value must be one of <paramref name="Values"/>.</summary>
internal sealed record UnionConstraintSpec(string Member, EquatableArray<string> Values);
