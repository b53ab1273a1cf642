using System;
using System.ComponentModel;
using System.Text.Json;

namespace SpecClients.Runtime.Json;

/// <summary>
/// The base of every generated union (<c>oneOf</c>, <c>anyOf</c>, type arrays): the JSON value as read, the branch it
/// matches, and equality by value. What is the same for every union lives here once, so that a spec's unions compile as
/// their branch members alone.
/// </summary>
/// <typeparam name="TSelf">The generated union.</typeparam>
/// <typeparam name="TCases">The union's branches.</typeparam>
public abstract class GeneratedUnion<TSelf, TCases> : IEquatable<TSelf>
    where TSelf : GeneratedUnion<TSelf, TCases>
    where TCases : struct, Enum
{
    /// <summary>Holds a value and the branch it matches.</summary>
    /// <param name="element">The JSON value, which the union keeps as it is.</param>
    /// <param name="case">The branch <paramref name="element"/> matches.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected GeneratedUnion(JsonElement element, TCases @case)
    {
        Element = element;
        Case = @case;
    }

    /// <summary>The JSON value, as read or as built from a branch.</summary>
    public JsonElement Element { get; }

    /// <summary>The branch the value matches: named by the discriminator, else the one its kind and members fit best.</summary>
    public TCases Case { get; }

    /// <summary>Compares by JSON value.</summary>
    public static bool operator ==(GeneratedUnion<TSelf, TCases>? left, GeneratedUnion<TSelf, TCases>? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Compares by JSON value.</summary>
    public static bool operator !=(GeneratedUnion<TSelf, TCases>? left, GeneratedUnion<TSelf, TCases>? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(TSelf? other) => other is not null && JsonUnion.ElementEquals(Element, other.Element);

    /// <inheritdoc/>
    public sealed override bool Equals(object? obj) => obj is TSelf other && Equals(other);

    /// <inheritdoc/>
    public sealed override int GetHashCode() => JsonUnion.ElementHashCode(Element);

    /// <summary>The branch, not the value: the value may hold secrets.</summary>
    /// <returns>The type and branch name.</returns>
    public override string ToString() => GetType().Name + " { Case = " + Case.ToString() + " }";
}
