using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpecClients.Testing;

/// <summary>
/// Runs the public <see cref="SpecClients.Generator.SpecClientsGenerator"/> through <see cref="CSharpGeneratorDriver"/>
/// on in-memory specs, as the compiler does, and compiles the result as a consumer project would.
/// </summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>The parse options of the consumer and of the generated code.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

    /// <summary>What a consumer compiles against: the test host's framework, the runtime library and its dependencies.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>A consumer library named <c>Consumer</c> made of <paramref name="sources"/>.</summary>
    /// <param name="sources">C# sources.</param>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation("Consumer", sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)));

    /// <summary>A library compilation as a consumer project builds it: nullable enabled, the runtime library referenced.</summary>
    /// <param name="assemblyName">The assembly's name.</param>
    /// <param name="trees">Its sources.</param>
    /// <param name="extraReferences">References besides <see cref="References"/>.</param>
    public static CSharpCompilation CreateCompilation(string assemblyName, IEnumerable<SyntaxTree> trees, params MetadataReference[] extraReferences) =>
        CSharpCompilation.Create(
            assemblyName,
            trees,
            References.AddRange(extraReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // As in every SDK project: the runtime library targets net8.0 and binds to the host's newer framework.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    /// <summary>A driver of the generator over <paramref name="specs"/>.</summary>
    /// <param name="specs">The AdditionalFiles.</param>
    /// <param name="options">MSBuild properties and metadata; none by default.</param>
    /// <param name="trackSteps">Whether to record each pipeline step (for the caching tests).</param>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, TestOptionsProvider? options = null, bool trackSteps = true) =>
        CSharpGeneratorDriver.Create(
            new[] { new SpecClients.Generator.SpecClientsGenerator().AsSourceGenerator() },
            specs,
            ParseOptions,
            options ?? TestOptionsProvider.Empty,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Generates from the given specs (path → text) and returns the run result and the compiled output.</summary>
    /// <param name="specs">Path → YAML or JSON text.</param>
    /// <param name="options">MSBuild properties and metadata; none by default.</param>
    /// <param name="sources">The consumer's own C# sources; a placeholder class when none.</param>
    public static GenerationResult Run(IReadOnlyDictionary<string, string> specs, TestOptionsProvider? options = null, params string[] sources)
    {
        var compilation = CreateCompilation(sources.Length == 0 ? new[] { "namespace Consumer; internal static class Placeholder { }" } : sources);
        var texts = specs.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Key, s.Value)).ToArray();
        var driver = CreateDriver(texts, options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GenerationResult(driver.GetRunResult(), output, generatorDiagnostics);
    }

    /// <summary>Generates from spec files of this repository's <c>specs/</c> folder.</summary>
    /// <param name="fileNames">File names in <c>specs/</c>.</param>
    public static GenerationResult RunRepositorySpecs(params string[] fileNames) =>
        Run(fileNames.ToDictionary(f => "/project/specs/" + f, f => File.ReadAllText(RepositoryPaths.Spec(f))));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The test host's own framework plus the runtime library and its dependencies copied beside the tests; not the
        // generator (generated code never references it), the test framework or the test host.
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p => !Path.GetFileName(p).StartsWith("SpecClients.Generator", StringComparison.Ordinal)
                && !Path.GetFileName(p).StartsWith("xunit", StringComparison.Ordinal)
                && !Path.GetFileName(p).StartsWith("testhost", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}

/// <summary>What one generator run gave: its run result, the consumer compiled with the generated code, driver diagnostics.</summary>
/// <param name="RunResult">The driver's run result.</param>
/// <param name="Compilation">The consumer with the generated sources added.</param>
/// <param name="GeneratorDiagnostics">Diagnostics of the driver itself (CS8784, CS8785).</param>
public sealed record GenerationResult(GeneratorDriverRunResult RunResult, Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>The generator's own diagnostics (SPCnnn).</summary>
    public ImmutableArray<Diagnostic> SpecDiagnostics => RunResult.Diagnostics;

    /// <summary>Every generated source.</summary>
    public IEnumerable<GeneratedSourceResult> Sources => RunResult.Results.SelectMany(r => r.GeneratedSources);

    /// <summary>The text of the source generated under <paramref name="hintName"/>; fails when there is none.</summary>
    /// <param name="hintName">The hint name, e.g. <c>fincode.FincodeClient.g.cs</c>.</param>
    public string Source(string hintName) =>
        Sources.FirstOrDefault(s => s.HintName == hintName).SourceText?.ToString()
        ?? throw new InvalidOperationException(hintName + " was not generated; generated: " + string.Join(", ", Sources.Select(s => s.HintName)));

    /// <summary>Compiler diagnostics of the consumer with the generated code, warnings included (nullable ones too: <see cref="NullableWarnings"/>).</summary>
    public ImmutableArray<Diagnostic> CompileDiagnostics =>
        NullableWarnings.Enable(Compilation).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>The exception the generator threw, if it threw.</summary>
    public Exception? Exception => RunResult.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
}
