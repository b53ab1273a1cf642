using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using SpecClients.Generator.Input;

namespace SpecClients.Generator.Parsing;

/// <summary>
/// The parts of a document an operation selection generates code for, as JSON pointers: the selected operations (by
/// operationId, by tag, or named by an <c>x-token</c>), their path items' shared parts, every component they reach
/// through <c>$ref</c>s, the security schemes and everything outside <c>paths</c> and <c>components</c>. Findings about
/// anything else concern code that is not generated, so they are not reported.
/// </summary>
internal sealed class SelectionScope
{
    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private readonly HashSet<string> _operations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pathItems = new(StringComparer.Ordinal);
    private readonly HashSet<string> _components = new(StringComparer.Ordinal);

    private SelectionScope()
    {
    }

    /// <summary>
    /// The scope of a selection in a document. Without <paramref name="followExpansions"/> an expandable reference (Stripe's
    /// <c>x-expansionResources</c>: an <c>anyOf</c> of an id string and the <c>$ref</c>s of the objects the id expands to)
    /// does not bring its objects into the scope: the model types an expanded object only when the selection reaches its
    /// schema some other way.
    /// </summary>
    public static SelectionScope Of(JsonObject root, OperationSelection selection, bool followExpansions)
    {
        var scope = new SelectionScope();
        var tokenOperations = TokenOperationIds(root);
        var pending = new Stack<JsonNode>();
        if (root["paths"] is JsonObject paths)
        {
            foreach (var path in paths)
            {
                if (path.Value is not JsonObject pathItem)
                {
                    continue;
                }

                var pathPointer = "/paths/" + JsonPointer.Escape(path.Key);
                foreach (var method in Methods)
                {
                    if (pathItem[method] is JsonObject operation && IsSelected(operation, selection, tokenOperations))
                    {
                        scope._operations.Add(pathPointer + "/" + method);
                        scope._pathItems.Add(pathPointer);
                        pending.Push(operation);
                    }
                }

                if (scope._pathItems.Contains(pathPointer) && pathItem["parameters"] is { } shared)
                {
                    pending.Push(shared);
                }
            }
        }

        if (root["components"]?["securitySchemes"] is { } schemes)
        {
            pending.Push(schemes);
        }

        scope.Reach(root, pending, followExpansions);
        return scope;
    }

    /// <summary>The scope of a spec's operation selection, as its settings ask for it; null when it selects nothing.</summary>
    public static SelectionScope? For(JsonObject root, SpecInput input) =>
        input.Selection is { } selection ? Of(root, selection, followExpansions: input.AllExpansions) : null;

    /// <summary>Whether the selection reaches a component schema (through expandable references only if it follows them).</summary>
    public bool Reaches(string schemaName) => _components.Contains("/components/schemas/" + JsonPointer.Escape(schemaName));

    /// <summary>Whether a schema is an expandable reference: it carries <c>x-expansionResources</c> beside its <c>anyOf</c>.</summary>
    private static bool IsExpandable(JsonObject schema) => schema.ContainsKey(ExpansionResources) && schema["anyOf"] is JsonArray;

    /// <summary>The extension that marks an expandable reference (Stripe).</summary>
    public const string ExpansionResources = "x-expansionResources";

    /// <summary>Whether a finding at this pointer concerns generated code.</summary>
    public bool Contains(string? pointer)
    {
        var path = (pointer ?? string.Empty).TrimStart('#');
        var segments = path.Split('/');
        if (segments.Length < 3 || segments[0].Length != 0)
        {
            return true;
        }

        var prefix = "/" + segments[1] + "/" + segments[2];
        switch (segments[1])
        {
            case "paths":
                return segments.Length == 3 || !Methods.Contains(segments[3], StringComparer.Ordinal)
                    ? _pathItems.Contains(prefix)
                    : _operations.Contains(prefix + "/" + segments[3]);
            case "components" when segments.Length >= 4 && segments[2] != "securitySchemes":
                return _components.Contains(prefix + "/" + segments[3]);
            default:
                return true;
        }
    }

    private static bool IsSelected(JsonObject operation, OperationSelection selection, HashSet<string> tokenOperations)
    {
        var id = (operation["operationId"] as JsonValue)?.ToString();
        if (id is not null && (selection.OperationIds.Items.Contains(id, StringComparer.Ordinal) || tokenOperations.Contains(id)))
        {
            return true;
        }

        return operation["tags"] is JsonArray tags
            && tags.OfType<JsonValue>().Any(tag => selection.Tags.Items.Contains(tag.ToString(), StringComparer.Ordinal));
    }

    /// <summary>Operations an <c>x-token</c> names: they are generated with any selection, as the selected ones need them.</summary>
    private static HashSet<string> TokenOperationIds(JsonObject root)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (root["components"]?["securitySchemes"] is JsonObject schemes)
        {
            foreach (var scheme in schemes)
            {
                if (scheme.Value?["x-token"]?["operation"] is JsonValue operation)
                {
                    ids.Add(operation.ToString());
                }
            }
        }

        return ids;
    }

    /// <summary>
    /// Marks every component reachable from the pending nodes through local <c>$ref</c>s; an explicit stack, no recursion.
    /// Without <paramref name="followExpansions"/>, the <c>$ref</c> branches of an expandable reference are not followed.
    /// </summary>
    private void Reach(JsonObject root, Stack<JsonNode> pending, bool followExpansions)
    {
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    var expandable = !followExpansions && IsExpandable(obj);
                    foreach (var member in obj)
                    {
                        if (member.Key == "$ref" && member.Value is JsonValue reference && ComponentOf(reference.ToString()) is { } component
                            && _components.Add(component.Pointer) && Resolve(root, component.Segments) is { } target)
                        {
                            pending.Push(target);
                        }
                        else if (expandable && member.Key == ExpansionResources)
                        {
                            continue;
                        }
                        else if (expandable && member.Key == "anyOf" && member.Value is JsonArray branches)
                        {
                            foreach (var branch in branches)
                            {
                                if (branch is JsonObject branchObject && !branchObject.ContainsKey("$ref"))
                                {
                                    pending.Push(branchObject);
                                }
                            }
                        }
                        else if (member.Value is JsonObject or JsonArray)
                        {
                            pending.Push(member.Value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        if (item is JsonObject or JsonArray)
                        {
                            pending.Push(item);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>The component a local <c>$ref</c> lands in (<c>#/components/schemas/Order/$defs/Line</c> → the Order schema).</summary>
    private static (string Pointer, string[] Segments)? ComponentOf(string reference)
    {
        if (!reference.StartsWith("#/components/", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = reference.Substring(2).Split('/');
        return segments.Length < 3 ? null : ("/" + segments[0] + "/" + segments[1] + "/" + segments[2], segments.Take(3).ToArray());
    }

    private static JsonNode? Resolve(JsonObject root, string[] segments)
    {
        JsonNode? node = root;
        foreach (var segment in segments)
        {
            node = node is JsonObject obj ? obj[JsonPointer.Unescape(segment)] : null;
        }

        return node;
    }
}
