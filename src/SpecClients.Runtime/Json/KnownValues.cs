using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace SpecClients.Runtime.Json;

/// <summary>
/// The wire values a spec lists for an extensible enum (<c>IsKnown</c> of a generated enum struct), found by binary
/// search. A table here instead of a <c>switch</c> in every enum: the compiler builds and emits a hashed string switch
/// per enum, which a large spec pays for in every build.
/// </summary>
/// <typeparam name="T">The wire value's type: text or an integer.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KnownValues<T>
{
    private readonly T[] _sorted;
    private readonly IComparer<T> _comparer;

    /// <summary>Creates the table; text compares ordinally, so that only the exact wire value is known.</summary>
    /// <param name="values">The listed values, in any order.</param>
    public KnownValues(params T[] values)
    {
        _comparer = typeof(T) == typeof(string) ? (IComparer<T>)(object)StringComparer.Ordinal : Comparer<T>.Default;
        _sorted = (T[])(values ?? throw new ArgumentNullException(nameof(values))).Clone();
        Array.Sort(_sorted, _comparer);
    }

    /// <summary>Whether <paramref name="value"/> is one of the listed values.</summary>
    /// <param name="value">The wire value; null is never listed.</param>
    /// <returns>True when listed.</returns>
    public bool Contains(T? value) => value is not null && Array.BinarySearch(_sorted, value, _comparer) >= 0;
}
