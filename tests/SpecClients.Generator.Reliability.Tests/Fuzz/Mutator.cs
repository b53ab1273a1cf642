using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SpecClients.Generator.Reliability.Tests.Fuzz;

/// <summary>
/// Deterministic mutations of a spec's text: at the text level (lines deleted, duplicated, swapped, re-indented,
/// scalars replaced by other kinds, special characters injected, truncation) and at the tree level (a node replaced by
/// a node of another kind, removed, or copied elsewhere, then written back as YAML). The same seed gives the same
/// mutations.
/// </summary>
internal sealed class Mutator
{
    private static readonly string[] Replacements =
    {
        "{}", "[]", "null", "~", "42", "-1", "1e400", "true", "''", "\"\"", "{a: 1}", "[1, 2]", "- x", "|\n  block", "&anchor x", "*nowhere",
        "\"#/components/schemas/Missing\"", "{$ref: '#/components/schemas/Missing'}", "{$ref: 'http://127.0.0.1:9/x.yaml'}", "!!binary aGk=", "0x1F", ".nan",
    };

    private static readonly string[] Specials =
    {
        "\"", "'", ":", ": ", "#", "{", "}", "[", "]", ",", "\t", "\\", "\\n", "\r", "\u0000", "\u202e", "\u200b", "🐶", "é", "*/", "</summary>",
        "{0}", "%", "@", "`", "&", "*", "!", "|", ">", "---", "...", "? ", "- ", "~", "\u00a0", "\ufeff", "<<: *a", "$ref",
    };

    private readonly Random _random;

    public Mutator(int seed) => _random = new Random(seed);

    /// <summary>Applies one to three mutations; <paramref name="applied"/> names them.</summary>
    public string Mutate(string text, out string applied)
    {
        var count = 1 + _random.Next(3);
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var operation = _random.Next(14);
            var before = text;
            text = operation switch
            {
                0 => DeleteLines(text, names),
                1 => DuplicateLine(text, names),
                2 => SwapLines(text, names),
                3 => Reindent(text, names),
                4 or 5 or 6 => ReplaceScalar(text, names),
                13 => InjectSpecial(text, names),
                7 => Truncate(text, names),
                8 => MoveLine(text, names),
                _ => TreeMutation(text, names),
            };
            if (ReferenceEquals(before, text))
            {
                names.Add("noop");
            }
        }

        applied = string.Join("+", names);
        return text;
    }

    private static List<string> Lines(string text) => text.Split('\n').ToList();

    private static string Join(List<string> lines) => string.Join("\n", lines);

    private string DeleteLines(string text, List<string> names)
    {
        var lines = Lines(text);
        var at = _random.Next(lines.Count);
        var length = Math.Min(lines.Count - at, 1 + (_random.Next(4) == 0 ? _random.Next(8) : 0));
        lines.RemoveRange(at, length);
        names.Add("delete-lines");
        return Join(lines);
    }

    private string DuplicateLine(string text, List<string> names)
    {
        var lines = Lines(text);
        var at = _random.Next(lines.Count);
        lines.Insert(at, lines[at]);
        names.Add("duplicate-line");
        return Join(lines);
    }

    private string SwapLines(string text, List<string> names)
    {
        var lines = Lines(text);
        var a = _random.Next(lines.Count);
        var b = _random.Next(2) == 0 ? Math.Min(lines.Count - 1, a + 1) : _random.Next(lines.Count);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        names.Add("swap-lines");
        return Join(lines);
    }

    private string MoveLine(string text, List<string> names)
    {
        var lines = Lines(text);
        var from = _random.Next(lines.Count);
        var line = lines[from];
        lines.RemoveAt(from);
        lines.Insert(_random.Next(lines.Count + 1), line);
        names.Add("move-line");
        return Join(lines);
    }

    private string Reindent(string text, List<string> names)
    {
        var lines = Lines(text);
        var at = _random.Next(lines.Count);
        var length = 1 + _random.Next(Math.Min(6, lines.Count - at));
        var change = _random.Next(5) switch
        {
            0 => "tab",
            1 => "out2",
            2 => "out1",
            3 => "in1",
            _ => "in2",
        };
        for (var i = at; i < at + length; i++)
        {
            lines[i] = change switch
            {
                "tab" => "\t" + lines[i].TrimStart(' '),
                "out2" => lines[i].StartsWith("  ", StringComparison.Ordinal) ? lines[i].Substring(2) : lines[i],
                "out1" => lines[i].StartsWith(" ", StringComparison.Ordinal) ? lines[i].Substring(1) : lines[i],
                "in1" => " " + lines[i],
                _ => "  " + lines[i],
            };
        }

        names.Add("indent-" + change);
        return Join(lines);
    }

    private string ReplaceScalar(string text, List<string> names)
    {
        var lines = Lines(text);
        var candidates = Enumerable.Range(0, lines.Count).Where(i => lines[i].Contains(": ", StringComparison.Ordinal) || lines[i].TrimStart().StartsWith("- ", StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            return text;
        }

        var at = candidates[_random.Next(candidates.Count)];
        var line = lines[at];
        var cut = line.IndexOf(": ", StringComparison.Ordinal);
        cut = cut >= 0 ? cut + 2 : line.IndexOf("- ", StringComparison.Ordinal) + 2;
        var replacement = Replacements[_random.Next(Replacements.Length)];
        if (replacement.Contains('\n', StringComparison.Ordinal))
        {
            var indent = new string(' ', line.Length - line.TrimStart().Length + 2);
            replacement = replacement.Replace("\n", "\n" + indent, StringComparison.Ordinal);
        }

        lines[at] = line.Substring(0, cut) + replacement;
        names.Add("replace-scalar");
        return Join(lines);
    }

    private string InjectSpecial(string text, List<string> names)
    {
        var at = _random.Next(text.Length + 1);
        var special = Specials[_random.Next(Specials.Length)];
        names.Add("inject");
        return text.Substring(0, at) + special + text.Substring(at);
    }

    private string Truncate(string text, List<string> names)
    {
        names.Add("truncate");
        return text.Substring(0, _random.Next(text.Length + 1));
    }

    /// <summary>Parses the YAML, replaces, removes or copies one node, and writes the tree back out.</summary>
    private string TreeMutation(string text, List<string> names)
    {
        YamlStream stream;
        try
        {
            stream = new YamlStream();
            stream.Load(new StringReader(text));
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws InvalidOperationException on some broken input (the generator must cope too).
            return text;
        }

        if (stream.Documents.Count == 0)
        {
            return text;
        }

        var root = stream.Documents[0].RootNode;
        var slots = new List<(YamlNode Parent, object Key)>();
        Collect(root, slots, 0);
        if (slots.Count == 0)
        {
            return text;
        }

        var (parent, key) = slots[_random.Next(slots.Count)];
        var current = Get(parent, key);
        var kind = _random.Next(6);
        string name;
        switch (kind)
        {
            case 0:
                Set(parent, key, new YamlScalarNode(current is YamlScalarNode ? "[not a scalar]" : "a string where a " + current.NodeType + " was"));
                name = "tree-to-scalar";
                break;
            case 1:
                Set(parent, key, new YamlSequenceNode(new YamlScalarNode("x"), new YamlMappingNode(new YamlScalarNode("k"), new YamlScalarNode("v"))));
                name = "tree-to-sequence";
                break;
            case 2:
                Set(parent, key, new YamlMappingNode(new YamlScalarNode("unexpected"), new YamlScalarNode("mapping")));
                name = "tree-to-mapping";
                break;
            case 3:
                Remove(parent, key);
                name = "tree-remove";
                break;
            case 4:
                var (otherParent, otherKey) = slots[_random.Next(slots.Count)];
                Set(parent, key, Clone(Get(otherParent, otherKey), 0));
                name = "tree-graft";
                break;
            default:
                Set(parent, key, new YamlScalarNode(string.Empty) { Style = ScalarStyle.Plain });
                name = "tree-to-null";
                break;
        }

        names.Add(name);
        var writer = new StringWriter();
        try
        {
            stream.Save(writer, assignAnchors: false);
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            return text;
        }

        return writer.ToString();
    }

    private static void Collect(YamlNode node, List<(YamlNode, object)> slots, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var entry in mapping.Children.ToList())
                {
                    slots.Add((mapping, entry.Key));
                    Collect(entry.Value, slots, depth + 1);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    slots.Add((sequence, i));
                    Collect(sequence.Children[i], slots, depth + 1);
                }

                break;
        }
    }

    /// <summary>A deep copy, so that grafting a node into its own subtree cannot make the tree cyclic.</summary>
    private static YamlNode Clone(YamlNode node, int depth) => node switch
    {
        _ when depth > 64 => new YamlScalarNode("too deep"),
        YamlMappingNode mapping => new YamlMappingNode(mapping.Children.Select(e => new KeyValuePair<YamlNode, YamlNode>(Clone(e.Key, depth + 1), Clone(e.Value, depth + 1)))),
        YamlSequenceNode sequence => new YamlSequenceNode(sequence.Children.Select(c => Clone(c, depth + 1))),
        YamlScalarNode scalar => new YamlScalarNode(scalar.Value) { Style = scalar.Style },
        _ => new YamlScalarNode("?"),
    };

    private static YamlNode Get(YamlNode parent, object key) =>
        parent is YamlMappingNode mapping ? mapping.Children[(YamlNode)key] : ((YamlSequenceNode)parent).Children[(int)key];

    private static void Set(YamlNode parent, object key, YamlNode value)
    {
        if (parent is YamlMappingNode mapping)
        {
            mapping.Children[(YamlNode)key] = value;
        }
        else
        {
            ((YamlSequenceNode)parent).Children[(int)key] = value;
        }
    }

    private static void Remove(YamlNode parent, object key)
    {
        if (parent is YamlMappingNode mapping)
        {
            mapping.Children.Remove((YamlNode)key);
        }
        else
        {
            ((YamlSequenceNode)parent).Children.RemoveAt((int)key);
        }
    }
}
