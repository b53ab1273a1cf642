using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
        Visit(root, string.Empty, findings, 0, namesProperties: false);
        return findings;
    }

    private static void Visit(JsonNode? node, string pointer, List<(string Id, string Pointer, string[] Arguments)> findings, int depth, bool namesProperties)
    {
        // The YAML reader bounds nesting (SpecLimits); this bound only keeps a hand-built tree from overflowing.
        if (depth > 512)
        {
            return;
        }

        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Visit(array[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), findings, depth + 1, namesProperties: false);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var property in obj.ToList())
        {
            var childPointer = pointer + "/" + property.Key.Replace("~", "~0").Replace("/", "~1");
            if (namesProperties)
            {
                // The keys of 'properties' are member names, whatever they are called ("default", "example", "x-id").
                Visit(property.Value, childPointer, findings, depth + 1, namesProperties: false);
            }
            else if (s_countKeywords.Contains(property.Key) && property.Value is JsonValue count && count.GetValueKind() == JsonValueKind.Number)
            {
                RepairCount(obj, property.Key, count, childPointer, findings);
            }
            else if (property.Key == "$ref" && property.Value is JsonValue reference && reference.TryGetValue<string>(out var target)
                && target.StartsWith("#/", StringComparison.Ordinal) && target.EndsWith("/", StringComparison.Ordinal))
            {
                obj.Remove(property.Key);
                findings.Add((DiagnosticDescriptors.UnresolvedReference.Id, pointer, new[] { "#" + pointer, target }));
            }
            else if (!s_dataKeywords.Contains(property.Key) && !property.Key.StartsWith("x-", StringComparison.Ordinal))
            {
                Visit(property.Value, childPointer, findings, depth + 1, namesProperties: property.Key is "properties" or "patternProperties");
            }
        }
    }

    private static void RepairCount(JsonObject owner, string keyword, JsonValue count, string pointer, List<(string Id, string Pointer, string[] Arguments)> findings)
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
        findings.Add((DiagnosticDescriptors.OpenApiError.Id, pointer, new[]
        {
            "#" + pointer,
            "'" + keyword + "' must be a non-negative integer no larger than " + int.MaxValue.ToString(CultureInfo.InvariantCulture) + ", not " + text + "; the constraint is ignored",
        }));
    }
}
