using System.Collections.Generic;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace SpecClients.Generator.Parsing;

/// <summary>Reads the plain values of <c>x-</c> extensions that need no reader of their own (a server's <c>x-name</c>).</summary>
internal static class ExtensionValues
{
    /// <summary>The string value of the extension <paramref name="name"/>; null when it is absent or not a string.</summary>
    public static string? String(IDictionary<string, IOpenApiExtension>? extensions, string name) =>
        extensions is not null && extensions.TryGetValue(name, out var extension) && extension is JsonNodeExtension { Node: JsonValue value } && value.TryGetValue<string>(out var text)
            ? text
            : null;
}
