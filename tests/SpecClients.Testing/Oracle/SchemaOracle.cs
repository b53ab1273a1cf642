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
    /// <param name="skipValueConstraints">
    /// Leave out errors about values only the schema constrains (lengths, patterns, ranges, formats, counts; see
    /// <see cref="IsValueConstraint"/>), as for randomly built values: those are the caller's to choose, not the writer's.
    /// </param>
    /// <returns>The errors.</returns>
    public IReadOnlyList<string> Validate(string schemaPointer, BodyDirection direction, string json, bool skipValueConstraints = false)
    {
        var schema = _schemas.GetOrAdd((schemaPointer, direction), key => new Lazy<JsonSchema>(() => Load(key.Pointer, key.Direction))).Value;
        var errors = new List<string>();
        foreach (var error in schema.Validate(json))
        {
            if (!skipValueConstraints || !IsValueConstraint(error))
            {
                Describe(error, string.Empty, errors);
            }
        }

        return errors;
    }

    /// <summary>
    /// Whether an error is about a value's content that a C# type cannot carry (a length, pattern, range, multiple,
    /// format, item or member count) rather than the shape a writer produces; a failed <c>oneOf</c>/<c>anyOf</c> counts
    /// as one when some branch failed only on such errors.
    /// </summary>
    /// <param name="error">An NJsonSchema error.</param>
    /// <returns>True for value constraints.</returns>
    public static bool IsValueConstraint(ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is ChildSchemaValidationError child && error.Kind is ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotAllOf)
        {
            return child.Errors.Any(branch => branch.Value.Count > 0 && branch.Value.All(IsValueConstraint))
                || (error.Kind == ValidationErrorKind.NotAllOf && child.Errors.All(branch => branch.Value.All(IsValueConstraint)));
        }

        if (error is MultiTypeValidationError types)
        {
            // A type union (3.0 nullable, 3.1 type arrays) reports each type's errors: a value error under the type the value has.
            return types.Errors.Any(branch => branch.Value.Count > 0 && branch.Value.All(IsValueConstraint));
        }

        if (error is ChildSchemaValidationError nested && error.Kind is ValidationErrorKind.ArrayItemNotValid
            or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid)
        {
            return nested.Errors.All(branch => branch.Value.All(IsValueConstraint));
        }

        return error.Kind is ValidationErrorKind.StringTooShort or ValidationErrorKind.StringTooLong or ValidationErrorKind.PatternMismatch
            or ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberNotMultipleOf
            or ValidationErrorKind.TooManyItems or ValidationErrorKind.TooFewItems or ValidationErrorKind.ItemsNotUnique
            or ValidationErrorKind.TooManyProperties or ValidationErrorKind.TooFewProperties
            or ValidationErrorKind.DateTimeExpected or ValidationErrorKind.DateExpected or ValidationErrorKind.TimeExpected
            or ValidationErrorKind.UriExpected or ValidationErrorKind.EmailExpected or ValidationErrorKind.GuidExpected
            or ValidationErrorKind.Base64Expected or ValidationErrorKind.HostnameExpected or ValidationErrorKind.IpV4Expected
            or ValidationErrorKind.IpV6Expected or ValidationErrorKind.TimeSpanExpected or ValidationErrorKind.UuidExpected;
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
        if (error is MultiTypeValidationError types)
        {
            foreach (var errorsOfType in types.Errors)
            {
                lines.Add(indent + "  as " + errorsOfType.Key + ":");
                foreach (var inner in errorsOfType.Value.Take(5))
                {
                    Describe(inner, indent + "    ", lines);
                }
            }
        }

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
