using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecClients.Generator.Diagnostics;

namespace SpecClients.Generator.Parsing;

/// <summary>
/// Repairs, before Microsoft.OpenApi reads the document, the few valid-looking values its reader throws on instead of
/// reporting, so that one odd node costs a located warning and not the whole file (SPC012): a count keyword
/// (<c>maxLength: 1e100</c>, <c>minItems: 2.5</c>) that is no <see cref="int"/> is dropped, and one written as a
/// whole number in another form (<c>1e3</c>) is rewritten as that integer; a local <c>$ref</c> whose last segment is
/// empty (<c>'#/components/schemas/'</c>) is dropped, leaving a schema that accepts anything.
/// </summary>
internal static class ReaderGuard
{
    private static readonly HashSet<string> s_countKeywords = new(StringComparer.Ordinal)
    {
        "maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties",
    };

    // Values, not schemas: a member called "maxLength" in an example is data.
    private static readonly HashSet<string> s_dataKeywords = new(StringComparer.Ordinal)
    {
        "example", "examples", "default", "enum", "const", "value",
    };

    /// <summary>Repairs <paramref name="root"/> in place and returns a finding (descriptor id, JSON pointer, arguments) per repair.</summary>
    public static List<(string Id, string Pointer, string[] Arguments)> Repair(JsonObject root)
    {
        var findings = new List<(string Id, string Pointer, string[] Arguments)>();
        Visit(root, new List<string>(), findings, namesProperties: false);
        return findings;
    }

    // The path is kept as unescaped segments and made a pointer only for a finding: building one string per node
    // allocated about 17 MB on Stripe for the handful of pointers a document ever needs.
    private static void Visit(JsonNode? node, List<string> path, List<(string Id, string Pointer, string[] Arguments)> findings, bool namesProperties)
    {
        // The YAML reader bounds nesting (SpecLimits); this bound only keeps a hand-built tree from overflowing.
        if (path.Count > 512)
        {
            return;
        }

        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject or JsonArray)
                {
                    path.Add(i.ToString(CultureInfo.InvariantCulture));
                    Visit(array[i], path, findings, namesProperties: false);
                    path.RemoveAt(path.Count - 1);
                }
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var property in obj.ToList())
        {
            if (namesProperties)
            {
                // The keys of 'properties' are member names, whatever they are called ("default", "example", "x-id").
                VisitChild(property.Key, property.Value, path, findings, namesProperties: false);
            }
            else if (s_countKeywords.Contains(property.Key) && property.Value is JsonValue count && count.GetValueKind() == JsonValueKind.Number)
            {
                path.Add(property.Key);
                RepairCount(obj, property.Key, count, path, findings);
                path.RemoveAt(path.Count - 1);
            }
            else if (property.Key == "$ref" && property.Value is JsonValue reference && reference.TryGetValue<string>(out var target)
                && target.StartsWith("#/", StringComparison.Ordinal) && target.EndsWith("/", StringComparison.Ordinal))
            {
                obj.Remove(property.Key);
                var pointer = Pointer(path);
                findings.Add((DiagnosticDescriptors.UnresolvedReference.Id, pointer, new[] { "#" + pointer, target }));
            }
            else if (!s_dataKeywords.Contains(property.Key) && !property.Key.StartsWith("x-", StringComparison.Ordinal))
            {
                VisitChild(property.Key, property.Value, path, findings, namesProperties: property.Key is "properties" or "patternProperties");
            }
        }
    }

    private static void VisitChild(string key, JsonNode? child, List<string> path, List<(string Id, string Pointer, string[] Arguments)> findings, bool namesProperties)
    {
        // Only objects and arrays hold anything to repair; a scalar member needs no path.
        if (child is JsonObject or JsonArray)
        {
            path.Add(key);
            Visit(child, path, findings, namesProperties);
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>The JSON pointer (RFC 6901) of a path of unescaped segments; empty for the root.</summary>
    private static string Pointer(List<string> path)
    {
        var builder = new StringBuilder();
        foreach (var segment in path)
        {
            builder.Append('/').Append(segment.Replace("~", "~0").Replace("/", "~1"));
        }

        return builder.ToString();
    }

    private static void RepairCount(JsonObject owner, string keyword, JsonValue count, List<string> path, List<(string Id, string Pointer, string[] Arguments)> findings)
    {
        var text = count.ToJsonString();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == Math.Floor(number) && number >= 0 && number <= int.MaxValue)
        {
            owner[keyword] = JsonValue.Create((int)number);
            return;
        }

        owner.Remove(keyword);
        var pointer = Pointer(path);
        findings.Add((DiagnosticDescriptors.OpenApiError.Id, pointer, new[]
        {
            "#" + pointer,
            "'" + keyword + "' must be a non-negative integer no larger than " + int.MaxValue.ToString(CultureInfo.InvariantCulture) + ", not " + text + "; the constraint is ignored",
        }));
    }
}
