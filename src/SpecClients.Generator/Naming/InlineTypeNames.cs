using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SpecClients.Generator.Naming;

/// <summary>What kind of type an inline shape becomes, as far as its name is concerned.</summary>
internal enum InlineTypeKind
{
    /// <summary>A record or union: one name.</summary>
    Plain,

    /// <summary>An enum: its helper class <c>{Name}Extensions</c> must be free too.</summary>
    Enum,

    /// <summary>The record of a multipart body's parts: named after the JSON request type when that name is free.</summary>
    Multipart,
}

/// <summary>
/// Names the types of inline schemas (and multipart bodies) after every use of every shape is known, so that a name
/// does not depend on the order of paths and components in the document. The model builder first walks the document
/// with provisional names (<see cref="NewType"/>), telling this class each place a type is used (<see cref="Use"/>);
/// <see cref="Plan"/> then gives every shape one name, chosen by a fixed rule from the names its uses suggest:
/// <list type="number">
/// <item>a shape that is a component's shape takes the component's type;</item>
/// <item>else the name from an operation that uses the shape as its whole request body or response (several: the first
/// by path, then method in the order GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE);</item>
/// <item>else the name from inside a component (the shallowest, then by component name): an enum a component's
/// property and a query parameter share is the property's (<c>PetStatus</c>, not <c>FindPetsByStatusStatus</c>);</item>
/// <item>else the name from an operation's parameter (by operation as above);</item>
/// <item>else the name from inside an operation's inline types (the shallowest, then by operation as above).</item>
/// </list>
/// Ties end at the JSON pointer of the use. Names are then claimed in that order of preference (collisions numbered
/// <c>Name2</c>, <c>Name3</c>…); multipart records last, so a JSON request type keeps <c>{Operation}Request</c>.
/// </summary>
internal sealed class InlineTypeNames
{
    private static readonly string[] MethodOrder = { "get", "put", "post", "delete", "options", "head", "patch", "trace", "query" };

    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _componentsByType = new(StringComparer.Ordinal);

    /// <summary>The component each use of a component's type is, by the use's pointer (the last use of a pointer wins).</summary>
    private readonly Dictionary<string, string> _componentUses = new(StringComparer.Ordinal);

    /// <summary>A provisional, unique name for a new type; <see cref="Plan"/> replaces it.</summary>
    /// <param name="hint">The name this use suggests (its parents' names and its place in them).</param>
    /// <param name="alternative">For a multipart record, the name to take when <paramref name="hint"/> is taken.</param>
    public string NewType(string hint, InlineTypeKind kind, string? alternative = null)
    {
        var provisional = hint + "#" + (_groups.Count + 1).ToString(CultureInfo.InvariantCulture);
        _groups[provisional] = new Group(kind, alternative);
        return provisional;
    }

    /// <summary>Records that <paramref name="typeName"/> (a component's type) is the component <paramref name="component"/>.</summary>
    public void Component(string typeName, string component) => _componentsByType[typeName] = component;

    /// <summary>Records that the schema at <paramref name="pointer"/>, which suggests <paramref name="hint"/>, maps to <paramref name="typeName"/>.</summary>
    public void Use(string typeName, string pointer, string hint)
    {
        if (_groups.TryGetValue(typeName, out var group))
        {
            group.Uses.Add(new NameCandidate(pointer, hint));
        }
        else if (_componentsByType.TryGetValue(typeName, out var component))
        {
            _componentUses[pointer] = component;
        }
    }

    /// <summary>Records that a component has the shape of the inline type <paramref name="typeName"/>: its uses take the component.</summary>
    public void SameShapeAsComponent(string typeName, string component)
    {
        if (_groups.TryGetValue(typeName, out var group) && group.Kind != InlineTypeKind.Multipart && (group.Component is null || string.CompareOrdinal(component, group.Component) < 0))
        {
            group.Component = component;
        }
    }

    /// <summary>Names every shape, claiming the names in <paramref name="scope"/> (which holds the component names already).</summary>
    public TypeNamePlan Plan(NameScope scope)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var components = new Dictionary<string, string>(_componentUses, StringComparer.Ordinal);
        var named = new List<NamedGroup>();
        var slashes = new List<int>();
        foreach (var group in _groups.Values.Where(g => g.Uses.Count > 0))
        {
            if (group.Component is { } component)
            {
                foreach (var use in group.Uses)
                {
                    components[use.Pointer] = component;
                }

                continue;
            }

            var bestUse = group.Uses[0];
            var bestKey = SiteKey.Of(bestUse, slashes);
            for (var i = 1; i < group.Uses.Count; i++)
            {
                var key = SiteKey.Of(group.Uses[i], slashes);
                if (key.CompareTo(bestKey) < 0)
                {
                    (bestUse, bestKey) = (group.Uses[i], key);
                }
            }

            named.Add(new NamedGroup(group, bestUse, bestKey, named.Count));
        }

        named.Sort(NamedGroup.ClaimOrder);
        foreach (var (group, best, _, _) in named)
        {
            var wanted = Identifiers.LimitTypeName(best.Hint);
            var name = group.Kind switch
            {
                InlineTypeKind.Enum => ComponentTypeNames.ClaimEnum(scope, wanted),
                InlineTypeKind.Multipart when scope.IsTaken(wanted) => scope.Claim(Identifiers.LimitTypeName(group.Alternative!)),
                _ => scope.Claim(wanted),
            };
            foreach (var use in group.Uses)
            {
                if (!names.ContainsKey(use.Pointer))
                {
                    names[use.Pointer] = name;
                }
            }
        }

        return new TypeNamePlan(names, components);
    }

    private sealed class Group
    {
        public Group(InlineTypeKind kind, string? alternative) => (Kind, Alternative) = (kind, alternative);

        public InlineTypeKind Kind { get; }

        public string? Alternative { get; }

        public string? Component { get; set; }

        public List<NameCandidate> Uses { get; } = new();
    }

    // Classes rather than structs, here and below: collections and sorts of reference types run the framework's
    // precompiled shared code, where a struct makes the compiler's host JIT a copy of each at every cold start.
    private sealed record NameCandidate(string Pointer, string Hint);

    /// <summary>A shape about to be named, with its preferred use and that use's key.</summary>
    /// <param name="Order">Its place in the walk: the last tie-breaker, so that sorting is stable.</param>
    private sealed record NamedGroup(Group Group, NameCandidate Best, SiteKey Key, int Order)
    {
        /// <summary>Multipart records last (a JSON request type keeps its name), then by key.</summary>
        public static int ClaimOrder(NamedGroup x, NamedGroup y)
        {
            var order = (x.Group.Kind == InlineTypeKind.Multipart).CompareTo(y.Group.Kind == InlineTypeKind.Multipart);
            order = order != 0 ? order : x.Key.CompareTo(y.Key);
            return order != 0 ? order : x.Order.CompareTo(y.Order);
        }
    }

    /// <summary>How much a use's name is preferred: lower first (see the class summary).</summary>
    private sealed record SiteKey(int Rank, int Depth, string Owner, string Pointer, string Hint)
    {
        /// <param name="slashes">A list to reuse for the places of the pointer's separators (a use's key is taken for every use).</param>
        public static SiteKey Of(NameCandidate use, List<int> slashes)
        {
            var pointer = use.Pointer;
            slashes.Clear();
            for (var i = pointer.IndexOf('/'); i >= 0; i = pointer.IndexOf('/', i + 1))
            {
                slashes.Add(i);
            }

            // Segment k is the text after separator k - 1 (segment 0 is the "#" before the first).
            var segmentCount = slashes.Count + 1;
            int Start(int k) => slashes[k - 1] + 1;
            int Length(int k) => (k < slashes.Count ? slashes[k] : pointer.Length) - Start(k);
            bool SegmentIs(int k, string text) => Length(k) == text.Length && string.CompareOrdinal(pointer, Start(k), text, 0, text.Length) == 0;
            string Segment(int k) => pointer.Substring(Start(k), Length(k));

            if (segmentCount >= 4 && SegmentIs(1, "components"))
            {
                return new SiteKey(2, segmentCount - 4, Segment(3), pointer, use.Hint);
            }

            if (segmentCount >= 4 && (SegmentIs(1, "paths") || SegmentIs(1, "webhooks")))
            {
                var method = Array.IndexOf(MethodOrder, Segment(3));
                var owner = Segment(1) + "/" + JsonPointerSegment(Segment(2)) + "/" + (method < 0 ? MethodOrder.Length : method).ToString("D2", CultureInfo.InvariantCulture);
                var restStart = method < 0 ? 3 : 4;
                var rest = segmentCount - restStart;
                bool RestIs(int k, string text) => SegmentIs(restStart + k, text);
                var body = (rest == 4 && RestIs(0, "requestBody") && RestIs(1, "content") && RestIs(3, "schema"))
                    || (rest == 5 && RestIs(0, "responses") && RestIs(2, "content") && RestIs(4, "schema"));
                var parameter = rest == 3 && RestIs(0, "parameters") && RestIs(2, "schema");
                return body ? new SiteKey(1, 0, owner, pointer, use.Hint)
                    : parameter ? new SiteKey(3, 0, owner, pointer, use.Hint)
                    : new SiteKey(4, rest, owner, pointer, use.Hint);
            }

            return new SiteKey(5, segmentCount, string.Empty, pointer, use.Hint);
        }

        public int CompareTo(SiteKey other)
        {
            var order = Rank.CompareTo(other.Rank);
            order = order != 0 ? order : Depth.CompareTo(other.Depth);
            order = order != 0 ? order : string.CompareOrdinal(Owner, other.Owner);
            order = order != 0 ? order : string.CompareOrdinal(Pointer, other.Pointer);
            return order != 0 ? order : string.CompareOrdinal(Hint, other.Hint);
        }

        private static string JsonPointerSegment(string segment) => segment.Replace("~1", "/").Replace("~0", "~");
    }
}

/// <summary>The names <see cref="InlineTypeNames.Plan"/> gave, by the JSON pointer of each use.</summary>
internal sealed class TypeNamePlan
{
    private readonly Dictionary<string, string> _names;
    private readonly Dictionary<string, string> _components;

    public TypeNamePlan(Dictionary<string, string> names, Dictionary<string, string> components) => (_names, _components) = (names, components);

    /// <summary>The name of the type the schema at <paramref name="pointer"/> becomes; null when the walk that planned did not see it.</summary>
    public string? NameAt(string pointer) => _names.TryGetValue(pointer, out var name) ? name : null;

    /// <summary>The component whose type the schema at <paramref name="pointer"/> takes, because it has the component's shape.</summary>
    public string? ComponentAt(string pointer) => _components.TryGetValue(pointer, out var component) ? component : null;
}
