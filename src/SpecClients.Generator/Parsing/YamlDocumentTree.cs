using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using SpecClients.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SpecClients.Generator.Parsing;

/// <summary>
/// A YAML (or JSON) document as a <see cref="JsonNode"/> tree. It is read from YamlDotNet's event stream with an explicit
/// stack — never recursion, so no nesting depth can overflow the compiler's stack — and source positions are found
/// only when a diagnostic needs them, by a second pass over the events.
/// </summary>
internal sealed class YamlDocumentTree
{
    private readonly string _text;
    private readonly string _path;

    private YamlDocumentTree(string text, string path, JsonNode? json)
    {
        _text = text;
        _path = path;
        Json = json;
    }

    public JsonNode? Json { get; }

    /// <summary>Reads YAML into JSON: plain scalars become null, booleans and numbers; quoted scalars stay strings; aliases are expanded.</summary>
    /// <exception cref="SpecReadException">The text is not YAML, is empty, or exceeds a limit.</exception>
    public static YamlDocumentTree Load(string text, string path, CancellationToken cancellationToken)
    {
        if (text.Length > SpecLimits.MaxDocumentChars)
        {
            throw new SpecReadException(DiagnosticDescriptors.LimitExceeded.Id, null, "document size", SpecLimits.MaxDocumentChars.ToString("N0", CultureInfo.InvariantCulture) + " characters");
        }

        try
        {
            return Read(text, path, cancellationToken);
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            if (ex is not YamlException || WithoutWhitespaceOnlyLines(text) is not { } retried)
            {
                throw SyntaxError(ex, text, path);
            }

            try
            {
                return Read(retried, path, cancellationToken);
            }
            catch (Exception again) when (again is YamlException or InvalidOperationException)
            {
                // Same lines and columns as the original: the error that remains is the one to fix.
                throw SyntaxError(again, retried, path);
            }
        }
    }

    private static YamlDocumentTree Read(string text, string path, CancellationToken cancellationToken) =>
        new(text, path, new Converter(path, cancellationToken).Convert(new Parser(new StringReader(text))));

    private static SpecReadException SyntaxError(Exception exception, string text, string path)
    {
        if (exception is not YamlException ex)
        {
            // YamlDotNet's scanner throws InvalidOperationException (not a YamlException) for some unclosed flow collections.
            return new SpecReadException(DiagnosticDescriptors.YamlSyntaxError.Id, null, exception.Message);
        }

        var location = ToLocation(path, ex.Start, ex.End);
        if (Describe(ex).IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && FirstTabIndentation(text) is { } tab)
        {
            // YamlDotNet places tab errors at the enclosing mapping's start; point at the tab itself.
            location = new LocationInfo(path, tab.Line, tab.Column, tab.Line, tab.Column + 1);
        }

        return new SpecReadException(DiagnosticDescriptors.YamlSyntaxError.Id, location, Describe(ex));
    }

    /// <summary>
    /// The text with every line that holds only spaces and tabs emptied, or null when there is none. YamlDotNet rejects some
    /// valid documents over such lines: a block scalar whose only content lines are blank (YAML 1.2 §8.1.1.1 takes the
    /// longest of them as the indentation) and a blank line holding a tab between mapping entries. A blank line is an empty
    /// line to every other YAML construct, so emptying it changes no value those constructs read; lines and columns stay.
    /// </summary>
    internal static string? WithoutWhitespaceOnlyLines(string text)
    {
        StringBuilder? rewritten = null;
        var lineStart = 0;
        var copiedUpTo = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n' && text[i] != '\r')
            {
                continue;
            }

            if (i > lineStart && IsBlank(text, lineStart, i))
            {
                rewritten ??= new StringBuilder(text.Length);
                rewritten.Append(text, copiedUpTo, lineStart - copiedUpTo);
                copiedUpTo = i;
            }

            lineStart = i + 1;
        }

        return rewritten?.Append(text, copiedUpTo, text.Length - copiedUpTo).ToString();
    }

    private static bool IsBlank(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static (int Line, int Column)? FirstTabIndentation(string text)
    {
        var line = 0;
        var column = 0;
        var inIndentation = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 0;
                inIndentation = true;
                continue;
            }

            if (inIndentation && c == '\t')
            {
                return (line, column);
            }

            inIndentation &= c == ' ';
            column++;
        }

        return null;
    }

    /// <summary>The source position of the node a JSON pointer names (a member's key when it is a mapping entry), or of its nearest existing ancestor.</summary>
    public LocationInfo Locate(string? pointer) => LocateAll(new[] { pointer })[0];

    /// <summary>Positions of several pointers in one pass over the document.</summary>
    public LocationInfo[] LocateAll(IReadOnlyList<string?> pointers)
    {
        var root = new PointerTrie();
        var paths = new List<PointerTrie>[pointers.Count];
        for (var i = 0; i < pointers.Count; i++)
        {
            var node = root;
            var path = new List<PointerTrie> { root };
            foreach (var segment in Segments(pointers[i]))
            {
                node = node.Child(segment);
                path.Add(node);
            }

            if (!node.Wanted)
            {
                node.Wanted = true;
                node.AddPending(1);
            }

            paths[i] = path;
        }

        try
        {
            new Locator(root).Walk(new Parser(new StringReader(_text)));
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // The document was read once already, so this cannot happen; keep what was found.
        }

        var locations = new LocationInfo[pointers.Count];
        for (var i = 0; i < pointers.Count; i++)
        {
            var found = new LocationInfo(_path, 0, 0, 0, 0);
            foreach (var node in paths[i])
            {
                if (node.Start is not { } start)
                {
                    break;
                }

                found = ToLocation(_path, start, node.End!.Value);
            }

            locations[i] = found;
        }

        return locations;
    }

    private static IEnumerable<string> Segments(string? pointer)
    {
        if (string.IsNullOrEmpty(pointer))
        {
            yield break;
        }

        foreach (var raw in pointer!.TrimStart('#').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return JsonPointer.Unescape(raw);
        }
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

    /// <summary>Builds the JSON tree from parser events with an explicit stack.</summary>
    private sealed class Converter
    {
        private readonly string _path;
        private readonly CancellationToken _cancellationToken;
        private readonly List<Frame> _stack = new();
        private readonly Dictionary<string, Anchor> _anchors = new(StringComparer.Ordinal);
        private int _nodes;
        private JsonNode? _root;
        private bool _hasRoot;

        public Converter(string path, CancellationToken cancellationToken)
        {
            _path = path;
            _cancellationToken = cancellationToken;
        }

        public JsonNode? Convert(IParser parser)
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentEnd or StreamEnd when _hasRoot:
                        return _root;
                    case Scalar scalar:
                        if (IsKeyPosition(out var frame))
                        {
                            var key = scalar.Value ?? string.Empty;
                            if (!scalar.Anchor.IsEmpty)
                            {
                                // A key's anchor can be used later, as a value or as another key.
                                _anchors[scalar.Anchor.Value] = new Anchor(ConvertScalar(scalar), 1, Complete: true);
                            }

                            SetKey(frame, key, scalar.Start, scalar.End);
                            break;
                        }

                        Count(scalar.Start, scalar.End);
                        Attach(ConvertScalar(scalar), scalar.Anchor, scalar.Start);
                        break;
                    case MappingStart mapping:
                        Open(new JsonObject(), mapping, mapping.Anchor);
                        break;
                    case SequenceStart sequence:
                        Open(new JsonArray(), sequence, sequence.Anchor);
                        break;
                    case MappingEnd or SequenceEnd:
                        Close();
                        break;
                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out var anchor))
                        {
                            throw Error(DiagnosticDescriptors.YamlSyntaxError.Id, alias.Start, alias.End, $"alias '*{alias.Value}' names no anchor");
                        }

                        if (IsKeyPosition(out var keyFrame))
                        {
                            // JSON keys are strings: an alias of a scalar can be a key, an alias of a collection cannot.
                            if (anchor.Node is JsonObject or JsonArray)
                            {
                                throw Error(DiagnosticDescriptors.YamlSyntaxError.Id, alias.Start, alias.End, "complex mapping keys are not supported");
                            }

                            SetKey(keyFrame, ScalarText(anchor.Node), alias.Start, alias.End);
                            break;
                        }

                        if (!anchor.Complete)
                        {
                            throw Error(DiagnosticDescriptors.YamlSyntaxError.Id, alias.Start, alias.End, $"alias '*{alias.Value}' refers to the node that contains it");
                        }

                        // Expanding an alias copies its subtree: count every copied node against the budget (billion laughs).
                        _nodes += anchor.NodeCount;
                        Count(alias.Start, alias.End);
                        Attach(anchor.Node?.DeepClone(), null, alias.Start);
                        break;
                }
            }

            if (!_hasRoot)
            {
                throw new SpecReadException(DiagnosticDescriptors.EmptySpec.Id, null);
            }

            return _root;
        }

        private void SetKey(Frame frame, string key, Mark start, Mark end)
        {
            if (((JsonObject)frame.Container).ContainsKey(key))
            {
                throw Error(DiagnosticDescriptors.YamlSyntaxError.Id, start, end, $"duplicate key '{key}'");
            }

            frame.PendingKey = key;
        }

        /// <summary>A scalar node as the text a key made of it would have.</summary>
        private static string ScalarText(JsonNode? node) => node switch
        {
            null => string.Empty,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => node.ToJsonString(),
        };

        private bool IsKeyPosition(out Frame frame)
        {
            frame = _stack.Count > 0 ? _stack[_stack.Count - 1] : null!;
            return frame is not null && frame.Container is JsonObject && frame.PendingKey is null;
        }

        private void Open(JsonNode container, NodeEvent start, AnchorName anchor)
        {
            if (IsKeyPosition(out _))
            {
                throw Error(DiagnosticDescriptors.YamlSyntaxError.Id, start.Start, start.End, "complex mapping keys are not supported");
            }

            if (_stack.Count >= SpecLimits.MaxDepth)
            {
                throw Error(DiagnosticDescriptors.LimitExceeded.Id, start.Start, start.End, "nesting depth", SpecLimits.MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
            }

            Count(start.Start, start.End);
            var nodesBefore = _nodes;
            Attach(container, AnchorName.Empty, start.Start);
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = new Anchor(container, 0, Complete: false);
            }

            _stack.Add(new Frame(container, anchor, nodesBefore));
        }

        private void Close()
        {
            var frame = _stack[_stack.Count - 1];
            _stack.RemoveAt(_stack.Count - 1);
            if (!frame.Anchor.IsEmpty)
            {
                _anchors[frame.Anchor.Value] = new Anchor(frame.Container, _nodes - frame.NodesBefore + 1, Complete: true);
            }
        }

        private void Attach(JsonNode? node, AnchorName anchor, Mark mark)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = new Anchor(node, 1, Complete: true);
            }

            if (_stack.Count == 0)
            {
                _root = node;
                _hasRoot = true;
                return;
            }

            var frame = _stack[_stack.Count - 1];
            if (frame.Container is JsonObject obj)
            {
                obj[frame.PendingKey!] = node;
                frame.PendingKey = null;
            }
            else
            {
                ((JsonArray)frame.Container).Add(node);
            }
        }

        private void Count(Mark start, Mark end)
        {
            if (++_nodes > SpecLimits.MaxNodes)
            {
                throw Error(DiagnosticDescriptors.LimitExceeded.Id, start, end, "node count (after alias expansion)", SpecLimits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture) + " nodes");
            }

            if ((_nodes & 0x3FFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }
        }

        private SpecReadException Error(string id, Mark start, Mark end, params string[] arguments) =>
            new(id, ToLocation(_path, start, end), arguments);

        private static JsonNode? ConvertScalar(Scalar scalar)
        {
            var value = scalar.Value ?? string.Empty;
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            switch (tag)
            {
                // "!" is the non-specific tag of a quoted scalar: a string, as !!str is (YAML 1.2 §6.9.1).
                case "!" or "tag:yaml.org,2002:str":
                    return JsonValue.Create(value);
                case "tag:yaml.org,2002:null":
                    return null;
                case "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float":
                    return Resolve(value) ?? JsonValue.Create(value);
            }

            // Other tags (local ones, !!binary, !!timestamp) carry no meaning for OpenAPI: the value resolves as if untagged.
            return scalar.Style == ScalarStyle.Plain ? Resolve(value) : JsonValue.Create(value);
        }

        /// <summary>A plain scalar resolved by YAML 1.2's core schema (§10.3.2), with a few case variants it also lists.</summary>
        private static JsonNode? Resolve(string value)
        {
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

                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsInfinity(real) && !double.IsNaN(real))
                {
                    return JsonValue.Create(real);
                }

                if (value.Length > 2 && value[0] == '0' && value[1] is 'x' or 'o'
                    && TryParseRadix(value.Substring(2), value[1] == 'x' ? 16 : 8) is { } radixInteger)
                {
                    return JsonValue.Create(radixInteger);
                }
            }

            return JsonValue.Create(value);
        }

        private static long? TryParseRadix(string digits, int radix)
        {
            long result = 0;
            foreach (var c in digits)
            {
                var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : radix;
                if (digit >= radix || result > (long.MaxValue - digit) / radix)
                {
                    return null;
                }

                result = (result * radix) + digit;
            }

            return result;
        }

        private sealed class Frame
        {
            public Frame(JsonNode container, AnchorName anchor, int nodesBefore)
            {
                Container = container;
                Anchor = anchor;
                NodesBefore = nodesBefore;
            }

            public JsonNode Container { get; }

            public AnchorName Anchor { get; }

            public int NodesBefore { get; }

            public string? PendingKey { get; set; }
        }

        private readonly record struct Anchor(JsonNode? Node, int NodeCount, bool Complete);
    }

    /// <summary>The requested pointers as a trie, so one pass over the events finds them all and skips other subtrees.</summary>
    private sealed class PointerTrie
    {
        private readonly PointerTrie? _parent;
        private Dictionary<string, PointerTrie>? _children;

        private PointerTrie(PointerTrie? parent) => _parent = parent;

        public PointerTrie()
            : this(null)
        {
        }

        public bool Wanted { get; set; }

        public Mark? Start { get; private set; }

        public Mark? End { get; private set; }

        /// <summary>Wanted nodes in this subtree (this one included) whose position is still to be found.</summary>
        public int Pending { get; private set; }

        public PointerTrie Child(string segment)
        {
            _children ??= new Dictionary<string, PointerTrie>(StringComparer.Ordinal);
            if (!_children.TryGetValue(segment, out var child))
            {
                child = new PointerTrie(this);
                _children[segment] = child;
            }

            return child;
        }

        /// <summary>Records the node's position the first time it is seen.</summary>
        public void Found(Mark start, Mark end)
        {
            if (Start is not null)
            {
                return;
            }

            Start = start;
            End = end;
            if (Wanted)
            {
                AddPending(-1);
            }
        }

        /// <summary>The node's value has been read to its end: nothing below it can still be found (keys are unique).</summary>
        public void Settle() => AddPending(-Pending);

        public void AddPending(int delta)
        {
            for (var node = this; node is not null && delta != 0; node = node._parent)
            {
                node.Pending += delta;
            }
        }

        public PointerTrie? Find(string segment) => _children is not null && _children.TryGetValue(segment, out var child) ? child : null;
    }

    /// <summary>Walks the events and records the marks of the nodes the trie asks for.</summary>
    private sealed class Locator
    {
        private readonly PointerTrie _root;
        private readonly List<(PointerTrie? Trie, bool IsMapping, int Index, PointerTrie? PendingValue, bool ExpectKey)> _stack = new();

        public Locator(PointerTrie root) => _root = root;

        /// <summary>Texts of anchored scalars, for aliases used as keys; the converter rejected any other alias key.</summary>
        private readonly Dictionary<string, string> _scalarAnchors = new(StringComparer.Ordinal);

        private string Remember(Scalar scalar)
        {
            var text = scalar.Value ?? string.Empty;
            if (!scalar.Anchor.IsEmpty)
            {
                _scalarAnchors[scalar.Anchor.Value] = text;
            }

            return text;
        }

        private string KeyOf(AnchorAlias alias) =>
            _scalarAnchors.TryGetValue(alias.Value.Value, out var text) ? text : string.Empty;

        public void Walk(IParser parser)
        {
            var rootSeen = false;
            while (parser.MoveNext())
            {
                var current = parser.Current;
                switch (current)
                {
                    case DocumentEnd or StreamEnd when rootSeen:
                        return;
                    case Scalar or AnchorAlias when _stack.Count > 0 && _stack[_stack.Count - 1].IsMapping && _stack[_stack.Count - 1].ExpectKey:
                    {
                        var frame = _stack[_stack.Count - 1];
                        var key = current is Scalar keyScalar ? Remember(keyScalar) : KeyOf((AnchorAlias)current);
                        var child = frame.Trie?.Find(key);
                        child?.Found(current.Start, current.End);

                        _stack[_stack.Count - 1] = (frame.Trie, true, frame.Index, child, false);
                        break;
                    }

                    case Scalar valueScalar:
                        Remember(valueScalar);
                        Value(current, opens: false)?.Settle();
                        rootSeen |= _stack.Count == 0;
                        break;
                    case AnchorAlias:
                        Value(current, opens: false)?.Settle();
                        rootSeen |= _stack.Count == 0;
                        break;
                    case MappingStart or SequenceStart:
                        var trie = Value(current, opens: true);
                        _stack.Add((trie, current is MappingStart, 0, null, true));
                        break;
                    case MappingEnd or SequenceEnd:
                        _stack[_stack.Count - 1].Trie?.Settle();
                        _stack.RemoveAt(_stack.Count - 1);
                        rootSeen |= _stack.Count == 0;
                        break;
                }

                // Every wanted position is known, or known not to exist: the rest of the document cannot change the answer.
                if (_root.Pending == 0)
                {
                    return;
                }
            }
        }

        private PointerTrie? Value(ParsingEvent current, bool opens)
        {
            if (_stack.Count == 0)
            {
                _root.Found(current.Start, current.End);
                return _root;
            }

            var frame = _stack[_stack.Count - 1];
            PointerTrie? trie;
            if (frame.IsMapping)
            {
                trie = frame.PendingValue;
                _stack[_stack.Count - 1] = (frame.Trie, true, frame.Index, null, true);
            }
            else
            {
                trie = frame.Trie?.Find(frame.Index.ToString(CultureInfo.InvariantCulture));
                _stack[_stack.Count - 1] = (frame.Trie, false, frame.Index + 1, null, false);
                trie?.Found(current.Start, opens ? current.Start : current.End);
            }

            return trie;
        }
    }
}
