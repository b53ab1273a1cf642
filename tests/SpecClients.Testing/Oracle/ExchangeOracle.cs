using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SpecClients.Testing.Oracle;

/// <summary>
/// Checks one HTTP exchange captured at the wire against the operation it belongs to in an OpenAPI document: the request
/// body against the operation's <c>requestBody</c> schema for the media type sent, the response body against the schema
/// of the response the status selects (the exact code, then <c>1XX</c>…<c>5XX</c>, then <c>default</c>). The operation is
/// found from the method and the path's end (a server's base path and a test server's prefix come before it), so the
/// document is read only by <see cref="SpecDocument"/> and <see cref="SchemaOracle"/>, never by the generator.
/// </summary>
/// <remarks>
/// An <c>application/x-www-form-urlencoded</c> body is checked as the JSON object the spec's object schema describes:
/// each field becomes a member, its text coerced to the property's declared <c>type</c> (integer, number, boolean) when
/// it parses as one and left a string otherwise, so that a field the writer formatted wrongly fails on its type; a
/// field given more than once becomes an array. This is what OpenAPI's form serialization (style <c>form</c>, explode)
/// means for scalar properties, the only kind the provider specs use in forms.
/// </remarks>
public sealed class ExchangeOracle
{
    private const string FormMediaType = "application/x-www-form-urlencoded";
    private readonly SchemaOracle _oracle;
    private readonly (string Template, Regex Pattern)[] _paths;

    /// <summary>An oracle over the document at <paramref name="specPath"/>.</summary>
    /// <param name="specPath">A YAML or JSON OpenAPI document.</param>
    public ExchangeOracle(string specPath)
    {
        _oracle = SchemaOracle.ForFile(specPath);
        _paths = (_oracle.Document["paths"] as JsonObject ?? new JsonObject())
            .Select(p => (p.Key, new Regex("^.*" + TemplatePattern(p.Key) + "$", RegexOptions.CultureInvariant)))
            .OrderByDescending(p => p.Key.Length)
            .ToArray();
    }

    /// <summary>Every operation of the document as <c>METHOD /template</c>, to check that a test reached them all.</summary>
    public IReadOnlyList<string> Operations =>
        _paths.SelectMany(p => ((JsonObject)_oracle.Document["paths"]![p.Template]!)
                .Where(m => IsMethod(m.Key))
                .Select(m => m.Key.ToUpperInvariant() + " " + p.Template))
            .OrderBy(o => o, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The operation (<c>METHOD /template</c>) the request belongs to, or null when the document has none for it.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request's path.</param>
    /// <returns>The operation.</returns>
    public string? OperationOf(string method, string path) =>
        Find(method, path) is { } found ? method.ToUpperInvariant() + " " + found.Template : null;

    /// <summary>
    /// What is wrong with the exchange by the document: one line per finding, empty when both bodies are as the spec
    /// says. A request with no operation in the document is a finding.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request's path.</param>
    /// <param name="requestContentType">The request body's media type, or null.</param>
    /// <param name="requestBody">The request body, or null when there was none.</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="responseContentType">The response body's media type, or null.</param>
    /// <param name="responseBody">The response body (empty when there was none).</param>
    /// <returns>The findings.</returns>
    public IReadOnlyList<string> Check(
        string method, string path, string? requestContentType, string? requestBody, int statusCode, string? responseContentType, string responseBody)
    {
        if (Find(method, path) is not { } found)
        {
            return ["no operation in the spec for " + method + " " + path];
        }

        var findings = new List<string>();
        var operationPointer = "#/paths/" + Escape(found.Template) + "/" + found.Method;
        CheckRequest(operationPointer, requestContentType, requestBody, findings);
        CheckResponse(operationPointer, statusCode, responseContentType, responseBody, findings);
        return findings.Select(f => method.ToUpperInvariant() + " " + found.Template + " → " + statusCode + ": " + f).ToArray();
    }

    private void CheckRequest(string operationPointer, string? contentType, string? body, List<string> findings)
    {
        var requestBodyPointer = operationPointer + "/requestBody";
        if (OpenApiJsonSchema.Resolve(_oracle.Document, requestBodyPointer) is not JsonObject requestBody)
        {
            if (!string.IsNullOrEmpty(body))
            {
                findings.Add("request: a body is sent but the operation has no requestBody");
            }

            return;
        }

        if (string.IsNullOrEmpty(body))
        {
            if (requestBody["required"]?.GetValue<bool>() == true)
            {
                findings.Add("request: the requestBody is required but none is sent");
            }

            return;
        }

        var mediaType = contentType ?? string.Empty;
        if (requestBody["content"] is not JsonObject content || !content.ContainsKey(mediaType))
        {
            findings.Add("request: media type '" + mediaType + "' is not one the requestBody lists");
            return;
        }

        var schemaPointer = requestBodyPointer + "/content/" + Escape(mediaType) + "/schema";
        string json;
        if (mediaType == FormMediaType)
        {
            json = FormAsJson(body, schemaPointer).ToJsonString();
        }
        else if (IsJson(mediaType))
        {
            json = body;
        }
        else
        {
            return;
        }

        findings.AddRange(_oracle.Validate(schemaPointer, BodyDirection.Request, json).Select(e => "request: " + e));
    }

    private void CheckResponse(string operationPointer, int statusCode, string? contentType, string body, List<string> findings)
    {
        var responses = OpenApiJsonSchema.Resolve(_oracle.Document, operationPointer + "/responses") as JsonObject;
        var code = statusCode.ToString(CultureInfo.InvariantCulture);
        var key = new[] { code, code[0] + "XX", code[0] + "xx", "default" }.FirstOrDefault(k => responses?.ContainsKey(k) == true);
        if (key is null)
        {
            findings.Add("response: the operation lists no response for status " + code);
            return;
        }

        var responsePointer = operationPointer + "/responses/" + Escape(key);
        if (OpenApiJsonSchema.Resolve(_oracle.Document, responsePointer) is JsonObject { } response && response["$ref"] is JsonValue reference)
        {
            responsePointer = reference.GetValue<string>();
        }

        var content = OpenApiJsonSchema.Resolve(_oracle.Document, responsePointer + "/content") as JsonObject;
        if (content is null || content.Count == 0)
        {
            return;
        }

        var mediaType = contentType ?? string.Empty;
        if (!content.ContainsKey(mediaType))
        {
            findings.Add("response: media type '" + mediaType + "' is not one response " + key + " lists");
            return;
        }

        var schemaPointer = responsePointer + "/content/" + Escape(mediaType) + "/schema";
        if (IsJson(mediaType) && _oracle.HasSchema(schemaPointer))
        {
            findings.AddRange(_oracle.Validate(schemaPointer, BodyDirection.Response, body).Select(e => "response: " + e));
        }
    }

    private JsonObject FormAsJson(string body, string schemaPointer)
    {
        var fields = new JsonObject();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var name = Decode(parts[0]);
            var value = Coerce(Decode(parts.Length == 2 ? parts[1] : string.Empty), PropertyType(schemaPointer, name));
            fields[name] = fields[name] switch
            {
                null when !fields.ContainsKey(name) => value,
                JsonArray repeated => Append(repeated, value),
                var first => new JsonArray(first?.DeepClone(), value),
            };
        }

        return fields;
    }

    private string? PropertyType(string schemaPointer, string name)
    {
        var schema = OpenApiJsonSchema.Resolve(_oracle.Document, schemaPointer);
        if (schema?["$ref"] is JsonValue reference)
        {
            schema = OpenApiJsonSchema.Resolve(_oracle.Document, reference.GetValue<string>());
        }

        var property = schema?["properties"]?[name];
        if (property?["$ref"] is JsonValue propertyReference)
        {
            property = OpenApiJsonSchema.Resolve(_oracle.Document, propertyReference.GetValue<string>());
        }

        return property?["type"] is JsonValue type ? type.GetValue<string>() : null;
    }

    private static JsonNode? Coerce(string text, string? type) => type switch
    {
        "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
        "number" when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        "boolean" when text is "true" or "false" => JsonValue.Create(text == "true"),
        _ => JsonValue.Create(text),
    };

    private static JsonArray Append(JsonArray array, JsonNode? value)
    {
        array.Add(value);
        return array;
    }

    private (string Template, string Method)? Find(string method, string path)
    {
        var lower = method.ToLowerInvariant();
        foreach (var (template, pattern) in _paths)
        {
            if (pattern.IsMatch(path) && _oracle.Document["paths"]?[template]?[lower] is JsonObject)
            {
                return (template, lower);
            }
        }

        return null;
    }

    private static string TemplatePattern(string template) =>
        string.Concat(Regex.Split(template, @"(\{[^}]*\})").Select(part => part.StartsWith('{') ? "[^/]+" : Regex.Escape(part)));

    private static bool IsMethod(string key) => key is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace";

    private static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
