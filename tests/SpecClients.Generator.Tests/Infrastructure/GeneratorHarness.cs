using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>Runs the generator through <see cref="CSharpGeneratorDriver"/> on in-memory specs and compiles the result.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation("Consumer", sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)));

    /// <summary>A library compilation as a consumer project builds it: nullable enabled, the runtime library referenced.</summary>
    public static CSharpCompilation CreateCompilation(string assemblyName, IEnumerable<SyntaxTree> trees, params MetadataReference[] extraReferences) =>
        CSharpCompilation.Create(
            assemblyName,
            trees,
            References.AddRange(extraReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // As in every SDK project: the runtime library targets net8.0 and binds to the host's newer framework.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, TestOptionsProvider? options = null, bool trackSteps = true) =>
        CSharpGeneratorDriver.Create(
            new[] { new SpecClientsGenerator().AsSourceGenerator() },
            specs,
            ParseOptions,
            options ?? new TestOptionsProvider(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Generates from the given specs (path → text) and returns the run result and the compiled output.</summary>
    public static GenerationResult Run(IReadOnlyDictionary<string, string> specs, TestOptionsProvider? options = null, params string[] sources)
    {
        var compilation = CreateCompilation(sources.Length == 0 ? new[] { "namespace Consumer; internal static class Placeholder { }" } : sources);
        var texts = specs.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Key, s.Value)).ToArray();
        var driver = CreateDriver(texts, options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GenerationResult(driver.GetRunResult(), output, generatorDiagnostics);
    }

    /// <summary>Generates from spec files of this repository's <c>specs/</c> folder.</summary>
    public static GenerationResult RunRepositorySpecs(params string[] fileNames) =>
        Run(fileNames.ToDictionary(f => "/project/specs/" + f, f => File.ReadAllText(RepositoryPaths.Spec(f))));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The test host's own framework plus the runtime library and its dependencies copied beside the tests.
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p => !Path.GetFileName(p).StartsWith("SpecClients.Generator", StringComparison.Ordinal)
                && !Path.GetFileName(p).StartsWith("xunit", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}

internal sealed record GenerationResult(GeneratorDriverRunResult RunResult, Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public ImmutableArray<Diagnostic> SpecDiagnostics => RunResult.Diagnostics;

    public IEnumerable<GeneratedSourceResult> Sources => RunResult.Results.SelectMany(r => r.GeneratedSources);

    public string Source(string hintName) =>
        Sources.FirstOrDefault(s => s.HintName == hintName).SourceText?.ToString()
        ?? throw new InvalidOperationException(hintName + " was not generated; generated: " + string.Join(", ", Sources.Select(s => s.HintName)));

    /// <summary>Compiler diagnostics of the consumer with the generated code, warnings included.</summary>
    public ImmutableArray<Diagnostic> CompileDiagnostics =>
        Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    public Exception? Exception => RunResult.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
}
