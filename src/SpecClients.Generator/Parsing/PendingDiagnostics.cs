using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Parsing;

/// <summary>
/// Diagnostics reported against JSON pointers while the model is built; their YAML positions are found in one pass at
/// the end (<see cref="ResolveInto"/>), not one pass per diagnostic.
/// </summary>
internal sealed class PendingDiagnostics
{
    private readonly List<(string Id, string Pointer, string[] Arguments)> _pending = new();

    public void Report(DiagnosticDescriptor descriptor, string pointer, params string[] arguments) =>
        _pending.Add((descriptor.Id, pointer, arguments));

    public void ResolveInto(YamlDocumentTree tree, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var locations = tree.LocateAll(_pending.Select(p => (string?)p.Pointer).ToList());
        for (var i = 0; i < _pending.Count; i++)
        {
            diagnostics.Add(new DiagnosticInfo(_pending[i].Id, locations[i], _pending[i].Arguments.ToEquatableArray()));
        }

        _pending.Clear();
    }
}
