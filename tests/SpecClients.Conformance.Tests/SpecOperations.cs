using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using SpecClients.Testing.Oracle;

namespace SpecClients.Conformance.Tests;

/// <summary>One operation of a spec as the test sees it: method, path template and where it sits in the document.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path template, e.g. <c>/pet/{petId}</c>.</param>
/// <param name="OperationId">The operationId, or null.</param>
/// <param name="Node">The operation object.</param>
/// <param name="PathItem">The path item that holds it (for path-level parameters).</param>
internal sealed record SpecOperation(string Method, string Path, string? OperationId, JsonObject Node, JsonObject PathItem)
{
    /// <summary>The operation's JSON pointer, e.g. <c>#/paths/~1pet~1{petId}/get</c>.</summary>
    public string Pointer => "#/paths/" + Escape(Path) + "/" + Method.ToLowerInvariant();

    /// <summary>Whether an actual request path (no query) fits this operation's template.</summary>
    /// <param name="method">The request's method.</param>
    /// <param name="path">The request's absolute path, unescaped.</param>
    /// <returns>True when the method is the same and every literal segment matches.</returns>
    public bool Matches(string method, string path)
    {
        if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var template = Path.Trim('/').Split('/');
        var actual = path.Trim('/').Split('/');
        return template.Length == actual.Length
            && template.Zip(actual).All(pair => pair.First.StartsWith('{') || string.Equals(pair.First, pair.Second, StringComparison.Ordinal));
    }

    /// <summary>The operation's parameter objects (path-level ones included, references followed).</summary>
    /// <param name="document">The whole document.</param>
    /// <returns>The parameters, operation-level ones winning over path-level ones of the same name and place.</returns>
    public IReadOnlyList<JsonObject> Parameters(JsonObject document)
    {
        var all = new List<JsonObject>();
        foreach (var list in new[] { Node["parameters"], PathItem["parameters"] })
        {
            foreach (var item in (list as JsonArray) ?? [])
            {
                if (SpecOperations.Follow(document, item) is JsonObject parameter
                    && !all.Any(p => Equals(p["name"]?.ToString(), parameter["name"]?.ToString()) && Equals(p["in"]?.ToString(), parameter["in"]?.ToString())))
                {
                    all.Add(parameter);
                }
            }
        }

        return all;
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

/// <summary>Reads a spec's operations and schemes with the oracle's own YAML reader (not the generator's).</summary>
internal static class SpecOperations
{
    private static readonly string[] s_methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Every operation of <paramref name="document"/>.</summary>
    /// <param name="document">The spec.</param>
    /// <returns>The operations in document order.</returns>
    public static IReadOnlyList<SpecOperation> All(JsonObject document)
    {
        var operations = new List<SpecOperation>();
        foreach (var path in (document["paths"] as JsonObject) ?? [])
        {
            if (Follow(document, path.Value) is not JsonObject item)
            {
                continue;
            }

            foreach (var method in s_methods)
            {
                if (item[method] is JsonObject operation)
                {
                    operations.Add(new SpecOperation(method.ToUpperInvariant(), path.Key, operation["operationId"]?.GetValue<string>(), operation, item));
                }
            }
        }

        return operations;
    }

    /// <summary>Follows a local <c>$ref</c> (a few hops); any other node is returned as it is.</summary>
    /// <param name="document">The spec.</param>
    /// <param name="node">A node that may be a reference.</param>
    /// <returns>The node referred to.</returns>
    public static JsonNode? Follow(JsonObject document, JsonNode? node)
    {
        for (var hops = 0; hops < 16 && node is JsonObject obj && obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith('#'); hops++)
        {
            node = OpenApiJsonSchema.Resolve(document, target);
        }

        return node;
    }

    /// <summary>Letters and digits only, lower case: how a C# name and the spec name it came from are compared.</summary>
    /// <param name="name">A name.</param>
    /// <returns>The comparable form.</returns>
    public static string Comparable(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
