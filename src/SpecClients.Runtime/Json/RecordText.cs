using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;

namespace SpecClients.Runtime.Json;

/// <summary>
/// What generated records print in <c>ToString()</c>: one call per record instead of two <c>StringBuilder.Append</c>
/// calls per member, whose overload resolution was a large share of what the compiler spent on a record.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RecordText
{
    /// <summary>Stands in for a sensitive member's value: it prints as <c>***</c>.</summary>
    public static object Masked { get; } = new MaskedValue();

    /// <summary>
    /// Appends <c>Name = value</c> for each member, separated by commas, each value as
    /// <see cref="StringBuilder.Append(object)"/> writes it (nothing for null).
    /// </summary>
    /// <param name="builder">The record's builder.</param>
    /// <param name="names">The members' C# names.</param>
    /// <param name="values">The values, in the order of <paramref name="names"/>.</param>
    /// <returns>Always true: the record prints its members.</returns>
    public static bool Print(StringBuilder builder, string[] names, object?[] values)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(names[i]).Append(" = ").Append(values[i]);
        }

        return true;
    }

    /// <summary>A sensitive reference member as printed: null stays <c>null</c>, anything else <c>***</c>.</summary>
    /// <param name="value">The member's value.</param>
    /// <returns>What to print.</returns>
    public static object Mask(object? value) => value is null ? "null" : Masked;

    /// <summary>The members a record kept from reading, as printed: their count, never their values.</summary>
    /// <typeparam name="T">The member type.</typeparam>
    /// <param name="members">The kept members, or null.</param>
    /// <returns>What to print.</returns>
    public static string MemberCount<T>(IReadOnlyCollection<T>? members) =>
        members is null ? "null" : members.Count + " member(s)";

    private sealed class MaskedValue
    {
        public override string ToString() => "***";
    }
}
