using System.Text;

namespace SpecClients.Generator.Emit;

/// <summary>
/// Writes raw string templates through a <see cref="SourceWriter"/>: each line at the writer's indentation, the
/// template's own indentation kept, so an emitter shows the code it writes as that code looks.
/// </summary>
internal static class TemplateLines
{
    /// <summary>How long a summary line may grow before it is wrapped; the indentation and <c>/// </c> come on top.</summary>
    private const int SummaryWidth = 116;

    public static void Write(SourceWriter w, string template)
    {
        foreach (var line in template.Replace("\r\n", "\n").Split('\n'))
        {
            w.Line(line.TrimEnd());
        }
    }

    /// <summary>An XML doc summary of our markup (spec text in it escaped with DocText), wrapped at spaces.</summary>
    public static void Summary(SourceWriter w, string markup)
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

        w.SummaryMarkup(wrapped.ToString());
    }
}
