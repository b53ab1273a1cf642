using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace SpecClients.Testing.Oracle;

/// <summary>
/// Validates JSON bodies against the schemas of one OpenAPI document with NJsonSchema, a validator this project did
/// not write: the independent check that generated clients write what the spec says. Schemas are converted by
/// <see cref="OpenApiJsonSchema"/> and cached per pointer and direction.
/// </summary>
public sealed class SchemaOracle
{
    private readonly JsonObject _document;
    private readonly ConcurrentDictionary<(string Pointer, BodyDirection Direction), Lazy<JsonSchema>> _schemas = new();

    /// <summary>An oracle over <paramref name="document"/>.</summary>
    /// <param name="document">The OpenAPI document (see <see cref="SpecDocument"/>).</param>
    public SchemaOracle(JsonObject document) => _document = document ?? throw new ArgumentNullException(nameof(document));

    /// <summary>An oracle over the document at <paramref name="path"/>.</summary>
    /// <param name="path">A YAML or JSON OpenAPI document.</param>
    /// <returns>The oracle.</returns>
    public static SchemaOracle ForFile(string path) => new(SpecDocument.Load(path));

    /// <summary>The document the oracle reads.</summary>
    public JsonObject Document => _document;

    /// <summary>Whether the document has a schema at <paramref name="schemaPointer"/>.</summary>
    /// <param name="schemaPointer">A JSON pointer fragment.</param>
    /// <returns>True when the pointer leads to a node.</returns>
    public bool HasSchema(string schemaPointer) => OpenApiJsonSchema.Resolve(_document, schemaPointer) is not null;

    /// <summary>
    /// Validates <paramref name="json"/> against the schema at <paramref name="schemaPointer"/> and returns one line per
    /// error (path, kind, and for a failed <c>oneOf</c>/<c>anyOf</c> what each branch said); empty when it is valid.
    /// </summary>
    /// <param name="schemaPointer">The schema's JSON pointer in the document, e.g. <c>#/components/schemas/Pet</c>.</param>
    /// <param name="direction">Whether the body is sent (readOnly members excused) or read (writeOnly excused).</param>
    /// <param name="json">The body.</param>
    /// <returns>The errors.</returns>
    public IReadOnlyList<string> Validate(string schemaPointer, BodyDirection direction, string json)
    {
        var schema = _schemas.GetOrAdd((schemaPointer, direction), key => new Lazy<JsonSchema>(() => Load(key.Pointer, key.Direction))).Value;
        var errors = new List<string>();
        foreach (var error in schema.Validate(json))
        {
            Describe(error, string.Empty, errors);
        }

        return errors;
    }

    private JsonSchema Load(string pointer, BodyDirection direction)
    {
        if (!HasSchema(pointer))
        {
            throw new ArgumentException("The document has no schema at " + pointer, nameof(pointer));
        }

        var conversion = OpenApiJsonSchema.Convert(_document, pointer, direction);
        return JsonSchema.FromJsonAsync(conversion.Schema.ToJsonString()).GetAwaiter().GetResult();
    }

    private static void Describe(ValidationError error, string indent, List<string> lines)
    {
        lines.Add(indent + error.Path + ": " + error.Kind + (error.Property is null ? string.Empty : " (" + error.Property + ")"));
        if (error is ChildSchemaValidationError child)
        {
            var branch = 0;
            foreach (var errorsOfBranch in child.Errors)
            {
                lines.Add(indent + "  branch " + branch++ + ":");
                foreach (var inner in errorsOfBranch.Value.Take(5))
                {
                    Describe(inner, indent + "    ", lines);
                }
            }
        }
    }
}
