using System;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Naming;

/// <summary>
/// The stems of a union's branches: the <c>X</c> of its <c>IsX</c>, <c>TryGetX</c>, <c>AsX</c> and <c>FromX</c>
/// accessors and of its <c>Cases.X</c>.
/// </summary>
internal static class UnionBranchNames
{
    /// <summary>A scope for one union's stems: never <c>Unknown</c> (the no-branch case) or <c>Element</c> (<c>FromElement</c> exists).</summary>
    public static NameScope Scope() => new(new[] { "Unknown", "Element" });

    /// <summary>Claims a stem whose accessors do not repeat the union's own name.</summary>
    public static string Claim(NameScope stems, string stem, string unionName)
    {
        var claimed = stems.Claim(stem);
        while (unionName == "Is" + claimed || unionName == "TryGet" + claimed || unionName == "As" + claimed || unionName == "From" + claimed)
        {
            claimed = stems.Claim(stem + "Branch");
            stem += "Branch";
        }

        return claimed;
    }

    /// <summary>A scope for the parameters of one union's <c>Match</c> method: <c>unknown</c> is the no-branch function's.</summary>
    public static NameScope MatchParameterScope() => new(new[] { "unknown" });

    /// <summary>The <c>Match</c> parameter of the branch with stem <paramref name="stem"/>: the stem in camelCase.</summary>
    public static string ClaimMatchParameter(NameScope parameters, string stem) => parameters.Claim(Identifiers.Camel(stem));

    /// <summary>The stem of a branch that holds string values the spec lists (an inline enum or <c>const</c>).</summary>
    public static string OfValues(EquatableArray<string> values) =>
        values.Count == 1 && values[0].Length == 0 ? "Empty" : values.Count == 1 ? Identifiers.Pascal(values[0]) : "String";

    /// <summary>
    /// The stem of a branch of <paramref name="type"/>: the referenced component's type name, else the inline schema's
    /// title, else its generated type's name without the union's name in front, else the JSON type.
    /// </summary>
    public static string Of(string? componentTypeName, string? title, TypeRef type, string unionName)
    {
        if (componentTypeName is not null)
        {
            return componentTypeName;
        }

        if (!string.IsNullOrWhiteSpace(title))
        {
            return Identifiers.Pascal(title!);
        }

        if (type.Kind is TypeKind.Object or TypeKind.Enum or TypeKind.IntegerEnum or TypeKind.Union)
        {
            var shortName = Identifiers.Unqualified(type.Name);
            return shortName.Length > unionName.Length && shortName.StartsWith(unionName, StringComparison.Ordinal)
                ? Identifiers.Pascal(shortName.Substring(unionName.Length))
                : shortName;
        }

        return OfType(type);
    }

    /// <summary>The stem of a branch named by its type alone (a 3.1 type array's branch).</summary>
    public static string OfType(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "String",
        TypeKind.Int32 => "Int32",
        TypeKind.Int64 => "Int64",
        TypeKind.Single => "Single",
        TypeKind.Double => "Double",
        TypeKind.Decimal => "Decimal",
        TypeKind.Boolean => "Boolean",
        TypeKind.DateTimeOffset => "DateTime",
        TypeKind.Guid => "Guid",
        TypeKind.Bytes or TypeKind.Binary => "Bytes",
        TypeKind.Array => OfType(type.Element!) + "List",
        TypeKind.Map => OfType(type.Element!) + "Map",
        TypeKind.Object or TypeKind.Enum or TypeKind.IntegerEnum or TypeKind.Union => Identifiers.Unqualified(type.Name),
        _ => "Json",
    };
}
