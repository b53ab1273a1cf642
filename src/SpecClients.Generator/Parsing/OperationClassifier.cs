using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SpecClients.Generator.Model;
using static SpecClients.Generator.Parsing.SchemaClassifier;

namespace SpecClients.Generator.Parsing;

/// <summary>
/// Operation analysis as pure functions: which media types are JSON, which multipart properties are files and with
/// what media type, which headers OpenAPI ignores, what a server URL is with its variables' defaults. Nothing here
/// names, registers or reports; <see cref="ModelBuilder"/> decides with these answers.
/// </summary>
internal static class OperationClassifier
{
    public static string? SingleValue(IOpenApiSchema? schema)
    {
        var target = schema is null ? null : Target(schema);
        var value = target?.Const is { } constant ? constant
            : target?.Enum is { Count: 1 } only && only[0] is JsonValue one && one.TryGetValue<string>(out var text) ? text
            : target?.Default is JsonValue fallback && fallback.TryGetValue<string>(out var byDefault) ? byDefault
            : null;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public static bool IsReservedHeader(string name) =>
        name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Accept", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase);

    public static string ExpandServerUrl(OpenApiServer server)
    {
        var url = server.Url ?? string.Empty;
        foreach (var variable in server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
        {
            url = url.Replace("{" + variable.Key + "}", variable.Value.Default ?? string.Empty);
        }

        return url;
    }

    /// <summary>The property schemas of an object schema, its allOf parts' included, the first of a name winning (as in the record).</summary>
    public static Dictionary<string, IOpenApiSchema> PropertySchemas(IOpenApiSchema schema)
    {
        var found = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var visited = new HashSet<IOpenApiSchema>(ReferenceComparer.Instance);
        void Add(IOpenApiSchema part, int depth)
        {
            var target = Target(part);
            if (depth > 32 || !visited.Add(target))
            {
                return;
            }

            foreach (var branch in target.AllOf ?? new List<IOpenApiSchema>())
            {
                Add(branch, depth + 1);
            }

            foreach (var property in target.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (!found.ContainsKey(property.Key))
                {
                    found[property.Key] = property.Value;
                }
            }
        }

        Add(schema, 0);
        return found;
    }

    /// <summary>The type of a multipart property that is a file, or an array of files; null for any other property.</summary>
    public static TypeRef? FilePartType(IOpenApiSchema schema)
    {
        var target = Target(schema);
        if (NonNullType(target) == JsonSchemaType.Array)
        {
            // Only the items are looked at, not deeper: an array whose items are itself must not recurse.
            return target.Items is { } items && IsFile(Target(items)) ? new TypeRef(TypeKind.Array, string.Empty, TypeRef.File) : null;
        }

        return IsFile(target) ? TypeRef.File : null;
    }

    public static bool IsFile(IOpenApiSchema target)
    {

        var content = target as IOpenApiSchemaMissingProperties;
        return NonNullType(target) is JsonSchemaType.String or 0
            && (target.Format == "binary" || (content?.ContentMediaType is not null && content.ContentEncoding is null));
    }

    /// <summary>A file's own media type (a 3.1 <c>contentMediaType</c>, of the items for an array of files), the default of its part.</summary>
    public static string? FileMediaType(IOpenApiSchema schema)
    {
        var target = Target(schema);
        if (NonNullType(target) == JsonSchemaType.Array && target.Items is { } items)
        {
            target = Target(items);
        }

        return PartContentType((target as IOpenApiSchemaMissingProperties)?.ContentMediaType);
    }

    /// <summary>
    /// The media type a part is sent with, from an <c>encoding</c> that may list several (<c>image/png, image/jpeg</c>):
    /// the first, unless it is a range (<c>image/*</c>), which leaves the default.
    /// </summary>
    public static string? PartContentType(string? listed)
    {
        var first = listed?.Split(',')[0].Trim();
        return string.IsNullOrEmpty(first) || first!.IndexOf('*') >= 0 ? null : first;
    }

    public static bool IsJson(string mediaType) =>
        mediaType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.IndexOf("+json", StringComparison.OrdinalIgnoreCase) >= 0);
}
