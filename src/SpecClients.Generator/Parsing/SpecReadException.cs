using System;
using SpecClients.Generator.Diagnostics;

namespace SpecClients.Generator.Parsing;

/// <summary>A spec that cannot be read further; becomes one diagnostic.</summary>
internal sealed class SpecReadException : Exception
{
    public SpecReadException(string diagnosticId, LocationInfo? location, params string[] arguments)
        : base(diagnosticId)
    {
        DiagnosticId = diagnosticId;
        Location = location;
        Arguments = arguments;
    }

    public string DiagnosticId { get; }

    public LocationInfo? Location { get; }

    public string[] Arguments { get; }
}
