using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SpecClients.Testing.Oracle;

/// <summary>
/// Reads an OpenAPI document (YAML or JSON) into a <see cref="JsonObject"/> for the schema oracle. Deliberately not the
/// generator's reader: the oracle should not share the code it checks. Plain scalars are typed by the YAML 1.2 core
/// schema (null, booleans, integers, floats); quoted scalars stay strings; aliases resolve to their anchors' nodes.
/// </summary>
public static partial class SpecDocument
{
    /// <summary>Reads the document at <paramref name="path"/>.</summary>
    /// <param name="path">A <c>.yaml</c>, <c>.yml</c> or <c>.json</c> file.</param>
    /// <returns>The document's root object.</returns>
    public static JsonObject Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Reads a document from its text (JSON is YAML).</summary>
    /// <param name="text">The document.</param>
    /// <returns>The document's root object.</returns>
    public static JsonObject Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return ToJson(stream.Documents.Single().RootNode, 0) as JsonObject
            ?? throw new InvalidDataException("The document's root is not a mapping.");
    }

    private static JsonNode? ToJson(YamlNode node, int depth)
    {
        if (depth > 256)
        {
            throw new InvalidDataException("The document nests deeper than 256 levels (or an alias refers to its own ancestor).");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var entry in mapping.Children)
                {
                    obj[((YamlScalarNode)entry.Key).Value ?? string.Empty] = ToJson(entry.Value, depth + 1);
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(c => ToJson(c, depth + 1)).ToArray());
            case YamlScalarNode scalar:
                return scalar.Style is ScalarStyle.Plain ? PlainScalar(scalar.Value ?? string.Empty) : JsonValue.Create(scalar.Value ?? string.Empty);
            default:
                throw new InvalidDataException("Unexpected YAML node " + node.NodeType);
        }
    }

    private static JsonNode? PlainScalar(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text[0] is 't' or 'T');
        }

        if (IntegerPattern().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                ? JsonValue.Create(integer)
                : JsonNode.Parse(text.TrimStart('+'));
        }

        if (FloatPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // decimal keeps "1.0" as 1.0 and the digits exact; a value beyond decimal's range stays a string below.
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
