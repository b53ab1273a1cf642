using System;
using System.Text;

namespace SpecClients.Generator.Emit;

/// <summary>A text writer that tracks indentation; emitters write lines, never syntax trees.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new(4096);
    private int _indent;

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
        foreach (var line in text!.Trim().Replace("\r\n", "\n").Split('\n', '\r', '\u2028', '\u2029', '\u0085'))
        {
            Line("/// " + DocText.Inline(line.TrimEnd()));
        }

        Line("/// </summary>");
        return this;
    }

    /// <summary>Writes a one-line XML doc summary of our own markup (spec text inside it must be escaped with DocText).</summary>
    public SourceWriter SummaryMarkup(string markup)
    {
        Line("/// <summary>");
        foreach (var line in markup.Split('\n'))
        {
            Line("/// " + line);
        }

        Line("/// </summary>");
        return this;
    }

    public static string EscapeXml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value)
    {
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
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
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

    /// <summary>A UTF-8 string literal (<c>"name"u8</c>).</summary>
    public static string Utf8Literal(string value) => Literal(value) + "u8";

    public override string ToString() => _builder.ToString();
}
