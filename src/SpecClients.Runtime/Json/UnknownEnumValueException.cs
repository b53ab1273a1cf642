using System;
using System.Text.Json;

namespace SpecClients.Runtime.Json;

/// <summary>
/// A response held a value its spec does not list for an enum, and the enums of that spec are strict
/// (<c>SpecClients_Enums=strict</c>). By default enums are extensible and keep such a value instead. The message names
/// the type, member and enum but not the value (it may be a secret); <see cref="Value"/> holds it.
/// </summary>
public sealed class UnknownEnumValueException : JsonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="typeName">The type that owns the member.</param>
    /// <param name="member">The JSON member name (<c>$</c> for a value read on its own).</param>
    /// <param name="enumName">The enum type.</param>
    /// <param name="value">The value as the API sent it (an integer as its JSON text).</param>
    public UnknownEnumValueException(string typeName, string member, string enumName, string value)
        : base($"Member '{member}' of '{typeName}' holds a value that is not one of the values of '{enumName}'.")
    {
        TypeName = typeName ?? throw new ArgumentNullException(nameof(typeName));
        Member = member ?? throw new ArgumentNullException(nameof(member));
        EnumName = enumName ?? throw new ArgumentNullException(nameof(enumName));
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The type that owns the member.</summary>
    public string TypeName { get; }

    /// <summary>The JSON member name (<c>$</c> for a value read on its own).</summary>
    public string Member { get; }

    /// <summary>The enum type.</summary>
    public string EnumName { get; }

    /// <summary>The value as the API sent it. It comes from the server: log it with care.</summary>
    public string Value { get; }
}
