using System;
using System.Collections.Generic;
using System.Linq;

namespace SpecClients.Generator.Naming;

/// <summary>
/// The C# names of a document's component schemas, decided before anything else is named so that references resolve
/// and inline types yield to them. Components are named in ordinal order of their OpenAPI names, so the result does
/// not depend on where they stand in the document.
/// </summary>
internal sealed class ComponentTypeNames
{
    private readonly Dictionary<string, string> _names;
    private readonly Dictionary<string, (string Wanted, string Claimed)> _renamedEnums;

    private ComponentTypeNames(NameScope scope, Dictionary<string, string> names, List<(string Component, string Wanted, string Claimed)> collisions, Dictionary<string, (string, string)> renamedEnums)
    {
        Scope = scope;
        _names = names;
        Collisions = collisions;
        _renamedEnums = renamedEnums;
    }

    /// <summary>The type scope with the client's classes, every component and every component enum's helper class claimed.</summary>
    public NameScope Scope { get; }

    /// <summary>Components whose PascalCase name another component (or a client class) already had.</summary>
    public IReadOnlyList<(string Component, string Wanted, string Claimed)> Collisions { get; }

    /// <summary>
    /// Names every component: <paramref name="components"/> are the OpenAPI names, <paramref name="isEnum"/> tells which
    /// become enums, whose helper class <c>{Name}Extensions</c> must be free too (when it is not, the enum is renamed,
    /// not the helper).
    /// </summary>
    public static ComponentTypeNames Assign(IEnumerable<string> components, Func<string, bool> isEnum, ClientNames client)
    {
        // Case-insensitive: hint names (one file per type) must differ in more than case, and so should type names.
        var scope = new NameScope(client.All, ignoreCase: true);
        var ordered = new List<string>(components);
        ordered.Sort(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var collisions = new List<(string, string, string)>();
        foreach (var name in ordered)
        {
            var wanted = Identifiers.Pascal(name);
            var claimed = scope.Claim(wanted);
            if (claimed != wanted)
            {
                collisions.Add((name, wanted, claimed));
            }

            names[name] = claimed;
        }

        var renamedEnums = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var name in ordered.Where(isEnum))
        {
            var csName = names[name];
            if (scope.IsTaken(csName + "Extensions"))
            {
                var renamed = ClaimEnum(scope, csName);
                renamedEnums[name] = (csName + "Extensions", renamed);
                names[name] = renamed;
            }
            else
            {
                scope.Claim(csName + "Extensions");
            }
        }

        return new ComponentTypeNames(scope, names, collisions, renamedEnums);
    }

    /// <summary>Claims a name for an enum whose helper class <c>{name}Extensions</c> is free as well.</summary>
    public static string ClaimEnum(NameScope scope, string wanted)
    {
        var name = scope.Claim(wanted);
        while (scope.IsTaken(name + "Extensions"))
        {
            name = scope.Claim(name);
        }

        scope.Claim(name + "Extensions");
        return name;
    }

    public bool TryGetValue(string component, out string typeName) => _names.TryGetValue(component, out typeName!);

    public bool Contains(string component) => _names.ContainsKey(component);

    public string this[string component] => _names[component];

    /// <summary>An enum component renamed because another type has the name of its helper class: that name and the enum's.</summary>
    public bool TryGetEnumRename(string component, out (string HelperName, string EnumName) rename) => _renamedEnums.TryGetValue(component, out rename);
}
