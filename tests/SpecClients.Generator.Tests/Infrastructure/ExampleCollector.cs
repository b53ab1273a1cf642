using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SpecClients.Generator.Parsing;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>An example found in a spec, with the JSON pointer of the schema it illustrates.</summary>
/// <param name="Location">Where the example is written (for reports).</param>
/// <param name="SchemaPointer">The schema the generator mapped, as the generator names it.</param>
/// <param name="FallbackPointer">The referenced component's pointer, when the media type itself was not mapped (a second 2xx response, an XML body).</param>
internal sealed record SpecExample(string Location, string SchemaPointer, string? FallbackPointer, IOpenApiSchema Schema, JsonNode? Value);

/// <summary>
/// Finds every example of a document: schema-level <c>example</c>/<c>examples</c> anywhere in components, parameters and
/// media types, and media type <c>example</c>/<c>examples</c> (components/examples resolved through their references).
/// Pointers follow the generator's, so each example meets the type its schema got.
/// </summary>
internal static class ExampleCollector
{
    public static List<SpecExample> Collect(OpenApiDocument document)
    {
        var found = new List<SpecExample>();
        var visited = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var component in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            WalkSchema(component.Value, "#/components/schemas/" + ModelBuilder.Escape(component.Key), found, visited);
        }

        foreach (var path in document.Paths ?? new OpenApiPaths())
        {
            var pathPointer = "#/paths/" + ModelBuilder.Escape(path.Key);
            WalkParameters(path.Value.Parameters, pathPointer + "/parameters", found, visited);
            foreach (var operation in path.Value.Operations ?? new Dictionary<System.Net.Http.HttpMethod, OpenApiOperation>())
            {
                var operationPointer = pathPointer + "/" + operation.Key.Method.ToLowerInvariant();
                WalkOperation(operation.Value, operationPointer, found, visited);
            }
        }

        foreach (var webhook in document.Webhooks ?? new Dictionary<string, IOpenApiPathItem>())
        {
            foreach (var operation in webhook.Value.Operations ?? new Dictionary<System.Net.Http.HttpMethod, OpenApiOperation>())
            {
                WalkOperation(operation.Value, "#/webhooks/" + ModelBuilder.Escape(webhook.Key) + "/" + operation.Key.Method.ToLowerInvariant(), found, visited);
            }
        }

        return found;
    }

    private static void WalkOperation(OpenApiOperation operation, string pointer, List<SpecExample> found, HashSet<IOpenApiSchema> visited)
    {
        WalkParameters(operation.Parameters, pointer + "/parameters", found, visited);
        WalkContent(operation.RequestBody?.Content, pointer + "/requestBody", found, visited);
        foreach (var response in operation.Responses ?? new OpenApiResponses())
        {
            WalkContent(response.Value.Content, pointer + "/responses/" + ModelBuilder.Escape(response.Key), found, visited);
        }
    }

    private static void WalkParameters(IList<IOpenApiParameter>? parameters, string pointer, List<SpecExample> found, HashSet<IOpenApiSchema> visited)
    {
        for (var i = 0; i < (parameters?.Count ?? 0); i++)
        {
            var parameter = parameters![i];
            var schema = parameter.Schema ?? parameter.Content?.Values.FirstOrDefault()?.Schema;
            if (schema is null)
            {
                continue;
            }

            var schemaPointer = pointer + "/" + i + "/schema";
            WalkSchema(schema, schemaPointer, found, visited);
            AddExamples(parameter.Example, parameter.Examples, pointer + "/" + i, schemaPointer, schema, found);
        }
    }

    private static void WalkContent(IDictionary<string, IOpenApiMediaType>? content, string pointer, List<SpecExample> found, HashSet<IOpenApiSchema> visited)
    {
        foreach (var mediaType in content ?? new Dictionary<string, IOpenApiMediaType>())
        {
            var mediaPointer = pointer + "/content/" + ModelBuilder.Escape(mediaType.Key);
            var schema = mediaType.Value.Schema;
            if (schema is null)
            {
                continue;
            }

            WalkSchema(schema, mediaPointer + "/schema", found, visited);
            AddExamples(mediaType.Value.Example, mediaType.Value.Examples, mediaPointer, mediaPointer + "/schema", schema, found);
        }
    }

    private static void AddExamples(JsonNode? example, IDictionary<string, IOpenApiExample>? examples, string location, string schemaPointer, IOpenApiSchema schema, List<SpecExample> found)
    {
        var fallback = schema is OpenApiSchemaReference { Reference.Id: { } id } ? "#/components/schemas/" + ModelBuilder.Escape(id) : null;
        if (example is not null)
        {
            found.Add(new SpecExample(location + "/example", schemaPointer, fallback, schema, example));
        }

        foreach (var named in examples ?? new Dictionary<string, IOpenApiExample>())
        {
            if (named.Value?.Value is { } value)
            {
                found.Add(new SpecExample(location + "/examples/" + ModelBuilder.Escape(named.Key), schemaPointer, fallback, schema, value));
            }
        }
    }

    private static void WalkSchema(IOpenApiSchema schema, string pointer, List<SpecExample> found, HashSet<IOpenApiSchema> visited)
    {
        // A reference is walked where its target is defined (components), not at each use.
        if (schema is OpenApiSchemaReference || !visited.Add(schema))
        {
            return;
        }

#pragma warning disable CS0618 // Example: OpenAPI 3.0's singular `example`, still what most documents use.
        if (schema.Example is { } example)
        {
            found.Add(new SpecExample(pointer + "/example", pointer, null, schema, example));
        }
#pragma warning restore CS0618

        for (var i = 0; i < (schema.Examples?.Count ?? 0); i++)
        {
            found.Add(new SpecExample(pointer + "/examples/" + i, pointer, null, schema, schema.Examples![i]));
        }

        foreach (var property in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            WalkSchema(property.Value, pointer + "/properties/" + ModelBuilder.Escape(property.Key), found, visited);
        }

        if (schema.Items is { } items)
        {
            WalkSchema(items, pointer + "/items", found, visited);
        }

        if (schema.AdditionalProperties is { } additional)
        {
            WalkSchema(additional, pointer + "/additionalProperties", found, visited);
        }

        foreach (var (keyword, list) in new[] { ("allOf", schema.AllOf), ("oneOf", schema.OneOf), ("anyOf", schema.AnyOf) })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                WalkSchema(list![i], pointer + "/" + keyword + "/" + i, found, visited);
            }
        }

        foreach (var definition in schema.Definitions ?? new Dictionary<string, IOpenApiSchema>())
        {
            WalkSchema(definition.Value, pointer + "/$defs/" + ModelBuilder.Escape(definition.Key), found, visited);
        }
    }
}
