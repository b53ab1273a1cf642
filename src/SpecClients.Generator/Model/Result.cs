using SpecClients.Generator.Diagnostics;

namespace SpecClients.Generator.Model;

/// <summary>A value beside the diagnostics found while producing it; split into two pipeline outputs.</summary>
internal sealed record Result<T>(T? Value, EquatableArray<DiagnosticInfo> Diagnostics)
    where T : class;
