using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using SpecClients.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SpecClients.Generator.Parsing;

/// <summary>Limits that keep a build and the IDE responsive on hostile input; documented in docs/diagnostics.md (SPC004).</summary>
internal static class SpecLimits
{
    public const int MaxDocumentChars = 16 * 1024 * 1024;
    public const int MaxDepth = 200;
    public const int MaxNodes = 4_000_000;
}

/// <summary>A YAML (or JSON) document as a <see cref="JsonNode"/> tree, with the source positions to place diagnostics.</summary>
internal sealed class YamlDocumentTree
{
    private readonly YamlNode _root;
    private readonly string _path;

    private YamlDocumentTree(YamlNode root, JsonNode? json, string path)
    {
        _root = root;
        Json = json;
        _path = path;
    }

    public JsonNode? Json { get; }

    /// <summary>Reads YAML into JSON: plain scalars become null, booleans and numbers; quoted scalars stay strings; aliases are expanded.</summary>
    /// <exception cref="SpecReadException">The text is not YAML, or exceeds a limit.</exception>
    public static YamlDocumentTree Load(string text, string path, CancellationToken cancellationToken)
    {
        if (text.Length > SpecLimits.MaxDocumentChars)
        {
            throw new SpecReadException(DiagnosticDescriptors.LimitExceeded.Id, null, "document size", SpecLimits.MaxDocumentChars.ToString("N0", CultureInfo.InvariantCulture) + " characters");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var location = new LocationInfo(path, (int)ex.Start.Line - 1, (int)ex.Start.Column - 1, (int)ex.End.Line - 1, (int)ex.End.Column - 1);
            throw new SpecReadException(DiagnosticDescriptors.YamlSyntaxError.Id, location, Describe(ex));
        }

        if (stream.Documents.Count == 0)
        {
            throw new SpecReadException(DiagnosticDescriptors.EmptySpec.Id, null);
        }

        var root = stream.Documents[0].RootNode;
        var converter = new Converter(path, cancellationToken);
        var json = converter.Convert(root, 0);
        return new YamlDocumentTree(root, json, path);
    }

    /// <summary>The source position of the node a JSON pointer names (a member's key when it is a mapping entry), or of its nearest existing ancestor.</summary>
    public LocationInfo Locate(string? pointer)
    {
        var node = _root;
        YamlNode marker = _root;
        if (!string.IsNullOrEmpty(pointer))
        {
            var trimmed = pointer!.TrimStart('#');
            foreach (var rawSegment in trimmed.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var segment = rawSegment.Replace("~1", "/").Replace("~0", "~");
                if (node is YamlMappingNode mapping)
                {
                    var found = false;
                    foreach (var entry in mapping.Children)
                    {
                        if (entry.Key is YamlScalarNode key && key.Value == segment)
                        {
                            marker = entry.Key;
                            node = entry.Value;
                            found = true;
                            break;
                        }
                    }

                    if (!found)
                    {
                        break;
                    }
                }
                else if (node is YamlSequenceNode sequence && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sequence.Children.Count)
                {
                    node = sequence.Children[index];
                    marker = node;
                }
                else
                {
                    break;
                }
            }
        }

        return ToLocation(_path, marker.Start, marker.End);
    }

    internal static LocationInfo ToLocation(string path, Mark start, Mark end)
    {
        // Keep a diagnostic on one line: a mapping's end mark can sit lines below its key.
        var endLine = (int)end.Line - 1;
        var endColumn = (int)end.Column - 1;
        if (endLine != start.Line - 1)
        {
            endLine = (int)start.Line - 1;
            endColumn = (int)start.Column - 1;
        }

        return new LocationInfo(path, (int)start.Line - 1, (int)start.Column - 1, endLine, endColumn);
    }

    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;

        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (…): " to messages; the diagnostic carries the position already.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message.Substring(cut + 3) : message;
    }

    private sealed class Converter
    {
        private readonly string _path;
        private readonly CancellationToken _cancellationToken;
        private int _nodes;

        public Converter(string path, CancellationToken cancellationToken)
        {
            _path = path;
            _cancellationToken = cancellationToken;
        }

        public JsonNode? Convert(YamlNode node, int depth)
        {
            if (++_nodes > SpecLimits.MaxNodes)
            {
                throw new SpecReadException(DiagnosticDescriptors.LimitExceeded.Id, ToLocation(_path, node.Start, node.End), "node count (after alias expansion)", SpecLimits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture) + " nodes");
            }

            if (depth > SpecLimits.MaxDepth)
            {
                throw new SpecReadException(DiagnosticDescriptors.LimitExceeded.Id, ToLocation(_path, node.Start, node.End), "nesting depth", SpecLimits.MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
            }

            if ((_nodes & 0x3FFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            switch (node)
            {
                case YamlMappingNode mapping:
                    var obj = new JsonObject();
                    foreach (var entry in mapping.Children)
                    {
                        var key = entry.Key is YamlScalarNode scalarKey ? scalarKey.Value ?? string.Empty : string.Empty;
                        if (obj.ContainsKey(key))
                        {
                            throw new SpecReadException(DiagnosticDescriptors.YamlSyntaxError.Id, ToLocation(_path, entry.Key.Start, entry.Key.End), $"duplicate key '{key}'");
                        }

                        obj[key] = Convert(entry.Value, depth + 1);
                    }

                    return obj;
                case YamlSequenceNode sequence:
                    var array = new JsonArray();
                    foreach (var child in sequence.Children)
                    {
                        array.Add(Convert(child, depth + 1));
                    }

                    return array;
                case YamlScalarNode scalar:
                    return ConvertScalar(scalar);
                default:
                    return null;
            }
        }

        private static JsonNode? ConvertScalar(YamlScalarNode scalar)
        {
            var value = scalar.Value ?? string.Empty;
            if (scalar.Style != ScalarStyle.Plain)
            {
                return JsonValue.Create(value);
            }

            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return null;
                case "true" or "True" or "TRUE":
                    return JsonValue.Create(true);
                case "false" or "False" or "FALSE":
                    return JsonValue.Create(false);
            }

            var first = value[0];
            if (char.IsDigit(first) || first is '-' or '+' or '.')
            {
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return JsonValue.Create(integer);
                }

                if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return JsonValue.Create(number);
                }

                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsInfinity(real))
                {
                    return JsonValue.Create(real);
                }
            }

            return JsonValue.Create(value);
        }
    }
}

/// <summary>A spec that cannot be read further; becomes one diagnostic.</summary>
internal sealed class SpecReadException : Exception
{
    public SpecReadException(string diagnosticId, LocationInfo? location, params string[] arguments)
        : base(diagnosticId)
    {
        DiagnosticId = diagnosticId;
        Location = location;
        Arguments = arguments;
    }

    public string DiagnosticId { get; }

    public LocationInfo? Location { get; }

    public string[] Arguments { get; }
}
