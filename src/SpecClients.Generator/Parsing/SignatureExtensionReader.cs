using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Parsing;

/// <summary>Reads a security scheme's <c>x-signature</c> extension: <c>true</c>, or a mapping with the signed headers.</summary>
internal static class SignatureExtensionReader
{
    public const string Name = "x-signature";

    public static SignatureExtensionSpec? Read(IDictionary<string, IOpenApiExtension>? extensions, string pointer, PendingDiagnostics diagnostics)
    {
        if (extensions is null || !extensions.TryGetValue(Name, out var extension))
        {
            return null;
        }

        if (extension is not JsonNodeExtension { Node: { } node })
        {
            return null;
        }

        var headers = new List<string>();
        string? description = null;
        if (node is JsonObject obj)
        {
            if (obj["headers"] is JsonArray array)
            {
                headers.AddRange(array.OfType<JsonValue>().Select(v => v.ToString()));
            }
            else if (obj["headers"] is not null)
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidExtension, pointer + "/headers", pointer + "/headers", "'headers' must be a list of header names");
            }

            description = obj["description"] is JsonValue text ? text.ToString() : null;
        }
        else if (!(node is JsonValue flag && flag.TryGetValue<bool>(out var enabled) && enabled))
        {
            diagnostics.Report(DiagnosticDescriptors.InvalidExtension, pointer, pointer, "x-signature must be true or a mapping with 'headers'");
            return null;
        }

        return new SignatureExtensionSpec(headers.ToEquatableArray(), DescriptionText.Clean(description));
    }
}
