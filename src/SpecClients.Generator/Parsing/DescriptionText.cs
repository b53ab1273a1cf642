namespace SpecClients.Generator.Parsing;

/// <summary>Spec descriptions as the model keeps them.</summary>
internal static class DescriptionText
{
    private static readonly char[] LineBreaks = { '\r', '\u2028', '\u2029', '\u0085' };

    /// <summary>
    /// Trims a description, and turns every line break C# knows (CR, LS, PS, NEL) into LF, since emitters split
    /// documentation comments on LF only and any other break would end a <c>///</c> line early.
    /// </summary>
    public static string? Clean(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var text = description!.Trim();
        if (text.IndexOfAny(LineBreaks) >= 0)
        {
            text = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n').Replace('\u0085', '\n');
        }

        return text;
    }
}
