using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SpecClients.Generator.Diagnostics;

/// <summary>An equatable stand-in for <see cref="Location"/>, pointing into a spec file; turned back at report time.</summary>
/// <param name="Line">Zero-based line.</param>
/// <param name="Column">Zero-based column.</param>
internal sealed record LocationInfo(string FilePath, int Line, int Column, int EndLine, int EndColumn)
{
    public Location ToLocation()
    {
        var start = new LinePosition(Line, Column);
        var end = new LinePosition(EndLine, EndColumn);
        return Location.Create(FilePath, default, new LinePositionSpan(start, end));
    }
}
