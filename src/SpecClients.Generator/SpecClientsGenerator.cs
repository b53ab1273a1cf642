using System.Linq;
using Microsoft.CodeAnalysis;
using SpecClients.Generator.Emit;
using SpecClients.Generator.Input;
using SpecClients.Generator.Model;
using SpecClients.Generator.Parsing;

namespace SpecClients.Generator;

/// <summary>Turns OpenAPI specs given as AdditionalFiles into typed records and clients.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class SpecClientsGenerator : IIncrementalGenerator
{
    internal static readonly string Version = typeof(SpecClientsGenerator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Under the compiler server the precompiled copy of this generator runs, where there is one (PrecompiledGenerator).
        if (PrecompiledGenerator.TryLoad() is { } precompiled)
        {
            precompiled.Initialize(context);
            return;
        }

        var specs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => SpecFileSelector.Select(pair.Left, pair.Right, cancellationToken))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.SpecFiles);

        var parsed = specs
            .Select(static (spec, cancellationToken) => SpecParser.Parse(spec, Version, cancellationToken))
            .WithTrackingName(TrackingNames.Parsed);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (production, items) =>
        {
            foreach (var diagnostic in items)
            {
                production.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        // One output per type (or per group of types in a large spec), so an edit that changes one type re-emits one file.
        var models = parsed
            .Select(static (result, _) => result.Value)
            .WithTrackingName(TrackingNames.Model);
        var outputs = models
            .SelectMany(static (spec, _) => spec is null ? Enumerable.Empty<OutputSpec>() : OutputLayout.Fan(spec))
            .WithTrackingName(TrackingNames.Outputs);
        context.RegisterSourceOutput(outputs, static (production, output) =>
        {
            var (hintName, text) = Emitter.Emit(output);
            production.AddSource(hintName, text);
        });
    }
}
