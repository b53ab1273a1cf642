using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.OpenApi;

namespace SpecClients.Generator.Parsing;

/// <summary>Compares schema objects by identity: the reader shares one object for every use of a component.</summary>
internal sealed class ReferenceComparer : IEqualityComparer<IOpenApiSchema>
{
    public static readonly ReferenceComparer Instance = new();

    public bool Equals(IOpenApiSchema? x, IOpenApiSchema? y) => ReferenceEquals(x, y);

    public int GetHashCode(IOpenApiSchema obj) => RuntimeHelpers.GetHashCode(obj);
}