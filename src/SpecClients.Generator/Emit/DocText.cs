using System.Text;

namespace SpecClients.Generator.Emit;

/// <summary>Spec text placed inside documentation comments.</summary>
internal static class DocText
{
    /// <summary>
    /// Text for one <c>///</c> line: XML-escaped, and with control characters and the line breaks C# knows (CR, LF, LS,
    /// PS, NEL) turned into spaces, since any of them would end the comment and leave the rest as code.
    /// </summary>
    public static string Inline(string text)
    {
        var replaces = false;
        foreach (var c in text)
        {
            replaces |= SourceWriter.IsControlOrLineBreak(c);
        }

        if (!replaces)
        {
            return SourceWriter.EscapeXml(text);
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(SourceWriter.IsControlOrLineBreak(c) ? ' ' : c);
        }

        return SourceWriter.EscapeXml(builder.ToString());
    }
}
