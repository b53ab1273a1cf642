using System;
using System.Collections.Generic;
using System.Text;

namespace SpecClients.Generator.Emit;

/// <summary>
/// A text writer that tracks indentation; emitters write lines, never syntax trees. Lines that would pass
/// <see cref="MaxLineLength"/> are broken by the methods that take their parts (<see cref="List"/>, <see cref="Wrap"/>,
/// the doc comment writers), the way a person would break them, so generated code reads well after F12.
/// </summary>
internal sealed class SourceWriter
{
    /// <summary>The longest line the writer chooses to write; only a single long token (a string literal) passes it.</summary>
    public const int MaxLineLength = 140;

    private const int IndentSize = 4;
    private const string DocPrefix = "/// ";

    private readonly StringBuilder _builder = new(4096);
    private int _indent;

    /// <summary>The columns left on the current line after indentation and <paramref name="prefix"/>.</summary>
    private int Room(int prefix = 0) => MaxLineLength - (_indent * IndentSize) - prefix;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Outdent()
    {
        _indent--;
        return this;
    }

    /// <summary>
    /// Writes an XML doc summary: <paramref name="text"/> is spec text (escaped, split at every kind of line break);
    /// <paramref name="fallback"/>, used when there is no text, is our own markup and written as is.
    /// </summary>
    public SourceWriter Summary(string? text, string? fallback = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback is null ? this : SummaryMarkup(fallback);
        }

        Line("/// <summary>");
        DocLines(text!.Trim());
        Line("/// </summary>");
        return this;
    }

    /// <summary>
    /// Writes spec text as <c>///</c> lines: escaped, split at every kind of line break, and each line wrapped at spaces
    /// to fit <see cref="MaxLineLength"/>.
    /// </summary>
    public SourceWriter DocLines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n', '\r', '\u2028', '\u2029', '\u0085'))
        {
            DocMarkupLines(DocText.Inline(line.TrimEnd()));
        }

        return this;
    }

    /// <summary>
    /// Writes one XML doc element of our own markup, e.g. <c>Doc("param name=\"x\"", "The x.")</c>: on one line when it
    /// fits, else the tags on lines of their own around the wrapped markup.
    /// </summary>
    /// <param name="startTag">The start tag's content without angle brackets (name and attributes).</param>
    /// <param name="markup">The element's content: markup, with any spec text already escaped by <see cref="DocText"/>.</param>
    public SourceWriter Doc(string startTag, string markup)
    {
        var space = startTag.IndexOf(' ');
        var endTag = "</" + (space < 0 ? startTag : startTag.Substring(0, space)) + ">";
        var oneLine = DocPrefix + "<" + startTag + ">" + markup + endTag;
        if (oneLine.Length <= Room())
        {
            return Line(oneLine);
        }

        Line(DocPrefix + "<" + startTag + ">");
        DocMarkupLines(markup);
        return Line(DocPrefix + endTag);
    }

    /// <summary>
    /// Writes markup as <c>///</c> lines, split at spaces (never inside a <c>&lt;…&gt;</c> tag) to fit
    /// <see cref="MaxLineLength"/>; a word longer than a line stays whole. Each line is appended straight from
    /// <paramref name="markup"/>: doc comments are a quarter of a large spec's output, and a string per line would be
    /// garbage for the compiler's collector, in every build that runs the generator.
    /// </summary>
    public SourceWriter DocMarkupLines(string markup)
    {
        var width = Room(DocPrefix.Length);
        var start = 0;
        var lastBreak = -1;
        var inTag = false;
        for (var i = 0; i < markup.Length; i++)
        {
            var c = markup[i];
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (c == ' ' && !inTag)
            {
                if (i - start > width && lastBreak > start)
                {
                    DocLine(markup, start, lastBreak - start);
                    start = lastBreak + 1;
                }

                lastBreak = i;
            }
        }

        if (markup.Length - start > width && lastBreak > start)
        {
            DocLine(markup, start, lastBreak - start);
            start = lastBreak + 1;
        }

        return DocLine(markup, start, markup.Length - start);
    }

    /// <summary>Writes <c>/// </c> and a part of <paramref name="markup"/> as one line (<c>///</c> alone when the part is empty).</summary>
    private SourceWriter DocLine(string markup, int start, int length)
    {
        _builder.Append(' ', _indent * IndentSize);
        if (length == 0)
        {
            _builder.Append("///");
        }
        else
        {
            _builder.Append(DocPrefix).Append(markup, start, length);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>
    /// Writes <c>head item, item, … tail</c> on one line when it fits; else <paramref name="head"/> on its own line and each
    /// item on a line one level deeper, <paramref name="tail"/> after the last (the layout of a long argument or
    /// parameter list).
    /// </summary>
    public SourceWriter List(string head, IReadOnlyList<string> items, string tail)
    {
        var oneLine = head + string.Join(", ", items) + tail;
        if (CodeLength(oneLine) <= Room() || items.Count == 0)
        {
            return Line(oneLine);
        }

        // A head that is long by itself (a long return type) breaks before the member's name, which goes one level deeper.
        var split = CodeLength(head) > Room() ? LastTopLevelSpace(head) : -1;
        if (split > 0)
        {
            Line(head.Substring(0, split));
            _indent++;
            List(head.Substring(split + 1), items, tail);
            _indent--;
            return this;
        }

        Line(head);
        _indent++;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] + (i == items.Count - 1 ? tail : ",");
            var arrow = item.IndexOf(" => ", StringComparison.Ordinal);
            if (CodeLength(item) > Room() && arrow > 0)
            {
                // A long lambda breaks after its arrow, its body one level deeper.
                Line(item.Substring(0, arrow + 3));
                _indent++;
                Line(item.Substring(arrow + 4));
                _indent--;
            }
            else
            {
                Line(item);
            }
        }

        _indent--;
        return this;
    }

    /// <summary>
    /// Writes <c>head new[] { item, item, … }tail</c> on one line when it fits; else the items between braces on lines of
    /// their own, as many to a line as fit (the layout of a long table of constants).
    /// </summary>
    public SourceWriter ArrayInitializer(string head, IReadOnlyList<string> items, string tail, bool typed = false)
    {
        // A typed head (<c>new object?[] </c>) brings its own <c>new</c>; otherwise the array type is inferred.
        var create = typed ? string.Empty : "new[] ";
        var oneLine = head + create + "{ " + string.Join(", ", items) + " }" + tail;
        if (CodeLength(oneLine) <= Room())
        {
            return Line(oneLine);
        }

        Line((head + create).TrimEnd());
        Line("{");
        _indent++;
        var line = new StringBuilder();
        foreach (var item in items)
        {
            if (line.Length > 0 && line.Length + 1 + item.Length + 1 > Room())
            {
                Line(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(item).Append(',');
        }

        Line(line.ToString());
        _indent--;
        return Line("}" + tail);
    }

    /// <summary>
    /// Writes a member access chain (<c>a.B().C()</c>) on one line when it fits; else each continuation (starting with
    /// <c>.</c>) on a line one level deeper.
    /// </summary>
    public SourceWriter Chain(string first, params string[] continuations)
    {
        var oneLine = first + string.Concat(continuations);
        if (CodeLength(oneLine) <= Room())
        {
            return Line(oneLine);
        }

        Line(first);
        _indent++;
        foreach (var continuation in continuations)
        {
            Line(continuation);
        }

        _indent--;
        return this;
    }

    /// <summary>
    /// Writes a fixed block of lines, typically a raw interpolated string template, each at the current indentation with
    /// the template's own indentation kept (blank lines stay blank, trailing white space is dropped).
    /// </summary>
    public SourceWriter Lines(string block)
    {
        foreach (var line in block.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line.TrimEnd());
        }

        return this;
    }

    /// <summary>How long a wrapped summary line may grow; the indentation and <c>/// </c> come on top.</summary>
    private const int SummaryWidth = 116;

    /// <summary>An XML doc summary of our markup (spec text in it escaped with DocText), wrapped at spaces.</summary>
    public SourceWriter WrappedSummary(string markup)
    {
        var wrapped = new StringBuilder(markup.Length + 16);
        foreach (var paragraph in markup.Split('\n'))
        {
            if (wrapped.Length > 0)
            {
                wrapped.Append('\n');
            }

            var lineStart = wrapped.Length;
            foreach (var word in paragraph.Split(' '))
            {
                if (wrapped.Length > lineStart && wrapped.Length - lineStart + 1 + word.Length > SummaryWidth)
                {
                    wrapped.Append('\n');
                    lineStart = wrapped.Length;
                }
                else if (wrapped.Length > lineStart)
                {
                    wrapped.Append(' ');
                }

                wrapped.Append(word);
            }
        }

        return SummaryMarkup(wrapped.ToString());
    }

    /// <summary>
    /// The length of a line of code as the line limit counts it: a string literal counts as its quotes alone, since a long
    /// literal (a URL, a description) cannot be broken and is read as one token.
    /// </summary>
    public static int CodeLength(string line)
    {
        var length = 0;
        for (var i = 0; i < line.Length; i++)
        {
            length++;
            if (line[i] != '"')
            {
                continue;
            }

            // Skip to the closing quote; Literal() escapes every quote and backslash inside.
            i++;
            while (i < line.Length && line[i] != '"')
            {
                i += line[i] == '\\' ? 2 : 1;
            }

            length++;
        }

        return length;
    }

    /// <summary>The last space outside angle brackets and parentheses, or -1.</summary>
    private static int LastTopLevelSpace(string text)
    {
        var depth = 0;
        var last = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<' or '(' or '[':
                    depth++;
                    break;
                case '>' or ')' or ']':
                    depth--;
                    break;
                case ' ' when depth == 0:
                    last = i;
                    break;
            }
        }

        return last;
    }

    /// <summary>As <see cref="List"/>, then opens a block: for a signature or a call that ends in a brace.</summary>
    public SourceWriter OpenList(string head, IReadOnlyList<string> items, string tail = ")")
    {
        List(head, items, tail);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>
    /// Writes the parts joined by spaces on one line when it fits; else <paramref name="first"/> and each continuation
    /// on a line one level deeper (break before <c>?</c>, <c>:</c>, <c>=&gt;</c>, or after <c>=</c>).
    /// </summary>
    public SourceWriter Wrap(string first, params string[] continuations)
    {
        var oneLine = first + " " + string.Join(" ", continuations);
        if (CodeLength(oneLine) <= Room())
        {
            return Line(oneLine);
        }

        Line(first);
        _indent++;
        foreach (var continuation in continuations)
        {
            Line(continuation);
        }

        _indent--;
        return this;
    }

    /// <summary>Writes a one-line XML doc summary of our own markup (spec text inside it must be escaped with DocText).</summary>
    public SourceWriter SummaryMarkup(string markup)
    {
        if (markup.IndexOf('\n') < 0 && DocPrefix.Length + markup.Length + "<summary></summary>".Length <= Room())
        {
            return Line(DocPrefix + "<summary>" + markup + "</summary>");
        }

        Line("/// <summary>");
        foreach (var line in markup.Split('\n'))
        {
            DocMarkupLines(line);
        }

        Line("/// </summary>");
        return this;
    }

    public static string EscapeXml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value)
    {
        if (!NeedsEscape(value))
        {
            return "\"" + value + "\"";
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (IsControlOrLineBreak(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Whether <see cref="Literal"/> must escape a character of <paramref name="value"/> (most names need none).</summary>
    private static bool NeedsEscape(string value)
    {
        foreach (var c in value)
        {
            if (c is '"' or '\\' || IsControlOrLineBreak(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A control character or a line break C# knows (LS, PS, NEL besides CR and LF): either would end a comment or a literal.</summary>
    public static bool IsControlOrLineBreak(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';

    public override string ToString() => _builder.ToString();
}
