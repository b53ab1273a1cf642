using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SpecClients.Generator;

namespace SpecClients.Benchmarks.Infrastructure;

/// <summary>
/// Runs <see cref="SpecClientsGenerator"/> through <see cref="CSharpGeneratorDriver"/> on in-memory specs, as the
/// compiler would. Shared (by a linked source file) between the benchmarks and the command-line tool.
/// </summary>
internal static class SpecDriver
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

    /// <summary>A spec file as the compiler hands it to the generator, marked as a spec by its metadata.</summary>
    public static AdditionalText Spec(string path, string text) => new InMemoryAdditionalText(path, SourceText.From(text));

    /// <summary>A driver over the given specs; step tracking is off unless asked for, as in the compiler.</summary>
    /// <param name="specs">The spec files.</param>
    /// <param name="trackSteps">Whether the driver records incremental steps.</param>
    /// <param name="metadata">More <c>AdditionalFiles</c> metadata for every spec, e.g. <c>SpecClients_Operations</c>.</param>
    public static GeneratorDriver Create(IEnumerable<AdditionalText> specs, bool trackSteps = false, IReadOnlyDictionary<string, string>? metadata = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new SpecClientsGenerator().AsSourceGenerator() },
            specs,
            ParseOptions,
            metadata is null || metadata.Count == 0 ? SpecOptionsProvider.Instance : new SpecOptionsProvider(metadata),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// A compilation with one small source file. The generator reads no compilation input, so it needs no references
    /// unless the output is to be compiled (<paramref name="references"/>).
    /// </summary>
    public static CSharpCompilation Compilation(IEnumerable<MetadataReference>? references = null, params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            (sources.Length == 0 ? new[] { "namespace Consumer; internal static class Placeholder { }" } : sources)
                .Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            references ?? Enumerable.Empty<MetadataReference>(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    // As in every SDK project: the runtime library targets net8.0 and binds to the host's newer framework.
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    /// <summary>An unrelated C# edit: the same compilation with one more small syntax tree.</summary>
    public static Compilation WithUnrelatedEdit(Compilation compilation, int n = 1) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Consumer; internal static class Edit" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " { public static int Value => " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; }",
            ParseOptions));

    /// <summary>The generated sources of a run.</summary>
    public static IEnumerable<GeneratedSourceResult> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources);

    /// <summary>Throws if the generator threw (a benchmark of a failing run would measure nothing useful).</summary>
    public static GeneratorDriver Checked(GeneratorDriver driver)
    {
        var exception = driver.GetRunResult().Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
        if (exception is not null)
        {
            throw new InvalidOperationException("The generator threw: " + exception.Message, exception);
        }

        return driver;
    }

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, SourceText text)
        {
            Path = path;
            _text = text;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>Marks every AdditionalFile as a spec (<c>SpecClients_Spec="true"</c>), with no other settings.</summary>
    private sealed class SpecOptionsProvider : AnalyzerConfigOptionsProvider
    {
        public static readonly SpecOptionsProvider Instance = new(new Dictionary<string, string>());

        private static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        private readonly Options _marked;

        public SpecOptionsProvider(IReadOnlyDictionary<string, string> metadata) =>
            _marked = new Options(metadata.ToImmutableDictionary(m => "build_metadata.AdditionalFiles." + m.Key, m => m.Value)
                .SetItem("build_metadata.AdditionalFiles.SpecClients_Spec", "true"));

        public override AnalyzerConfigOptions GlobalOptions => Empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _marked;

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values;

            public Options(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
