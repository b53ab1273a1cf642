namespace SpecClients.Generator.Parsing;

/// <summary>Limits that keep a build and the IDE responsive on hostile input; documented in docs/diagnostics.md (SPC004).</summary>
internal static class SpecLimits
{
    public const int MaxDocumentChars = 16 * 1024 * 1024;
    public const int MaxDepth = 200;
    public const int MaxNodes = 4_000_000;
}
