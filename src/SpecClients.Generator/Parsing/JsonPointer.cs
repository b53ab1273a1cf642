namespace SpecClients.Generator.Parsing;

/// <summary>RFC 6901 segment escaping, in one place: <c>~</c> is <c>~0</c> and <c>/</c> is <c>~1</c>.</summary>
internal static class JsonPointer
{
    public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    public static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");
}
