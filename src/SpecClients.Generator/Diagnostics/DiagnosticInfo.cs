using Microsoft.CodeAnalysis;

namespace SpecClients.Generator.Diagnostics;

/// <summary>A diagnostic to report, with equatable arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, Model.EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        DiagnosticDescriptors.ById(Id),
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object>(Arguments.Items)));
}
