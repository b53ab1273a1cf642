using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpecClients.Benchmarks.Infrastructure;

namespace SpecClients.Benchmarks.Generator;

/// <summary>
/// <c>compile-cost [spec…]</c>: what the generated code costs the C# compiler, against what generating it costs.
/// For each spec (Stripe by default): generate, then parse the generated files, bind them (GetDiagnostics) and emit
/// the assembly to memory, in a consumer compilation that references the framework and SpecClients.Runtime; the same
/// for the consumer without any spec. Two rounds: the first also pays the compiler's JIT.
/// </summary>
internal static class CompileCostReport
{
    public static int Run(string[] args)
    {
        var specs = args.Length > 0 ? args : new[] { Paths.CorpusSpec("stripe-spec3.yaml") };
        Console.WriteLine("Machine: " + Machine.Describe());
        var references = References();
        Console.WriteLine(references.Length + " references (framework, SpecClients.Runtime and its dependencies)");
        Console.WriteLine();
        Console.WriteLine("| round | spec | generated files | generated chars | generate (ms) | parse generated (ms) | bind, GetDiagnostics (ms) | emit (ms) | compiler errors / warnings |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var round = 1; round <= 2; round++)
        {
            Consumer(round, "(none: consumer only)", Array.Empty<string>(), 0, references, SpecDriver.ParseOptions);
            foreach (var spec in specs)
            {
                var text = File.ReadAllText(spec);
                var watch = Stopwatch.StartNew();
                var driver = SpecDriver.Checked(SpecDriver.Create(new[] { SpecDriver.Spec("/project/specs/" + Path.GetFileName(spec), text) }).RunGenerators(SpecDriver.Compilation()));
                var generate = watch.Elapsed.TotalMilliseconds;
                var sources = SpecDriver.Sources(driver).Select(s => s.SourceText.ToString()).ToArray();
                Consumer(round, Path.GetFileName(spec), sources, generate, references, SpecDriver.ParseOptions);

                // The same without parsing doc comments: what csc does when no documentation file is asked for.
                Consumer(round, Path.GetFileName(spec) + ", DocumentationMode.None", sources, generate, references, SpecDriver.ParseOptions.WithDocumentationMode(DocumentationMode.None));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Load average at the end: " + Machine.LoadAverage());
        return 0;
    }

    private static void Consumer(int round, string name, string[] generated, double generateMs, ImmutableArray<MetadataReference> references, CSharpParseOptions parseOptions)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var trees = generated.Select(s => CSharpSyntaxTree.ParseText(s, parseOptions)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText("namespace Consumer; internal static class Program { private static void Main() { } }", parseOptions));
        var parse = watch.Elapsed.TotalMilliseconds;

        var compilation = CSharpCompilation.Create(
            "Consumer",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        watch.Restart();
        var diagnostics = compilation.GetDiagnostics();
        var bind = watch.Elapsed.TotalMilliseconds;
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        var emit = "not run: errors";
        if (errors == 0)
        {
            watch.Restart();
            using var pe = new MemoryStream();
            var result = compilation.Emit(pe);
            emit = watch.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + (result.Success ? " (" + (pe.Length / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB)" : " (failed)");
        }

        Console.WriteLine("| " + round + " | " + name + " | " + generated.Length + " | " + generated.Sum(g => (long)g.Length).ToString("N0", CultureInfo.InvariantCulture) + " | "
            + (generateMs > 0 ? generateMs.ToString("F0", CultureInfo.InvariantCulture) : "–") + " | " + parse.ToString("F0", CultureInfo.InvariantCulture) + " | "
            + bind.ToString("F0", CultureInfo.InvariantCulture) + " | " + emit + " | " + errors + " / " + warnings + " |");
        if (errors > 0)
        {
            // What the rest costs: the same compilation without the generated files that have errors, emitted too.
            var failing = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is not null).Select(d => d.Location.SourceTree!).Distinct().ToList();
            var rest = compilation.RemoveSyntaxTrees(failing);
            watch.Restart();
            var restDiagnostics = rest.GetDiagnostics();
            var restBind = watch.Elapsed.TotalMilliseconds;
            var restErrors = restDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            var restEmit = "not run: errors";
            if (restErrors == 0)
            {
                watch.Restart();
                using var pe = new MemoryStream();
                var result = rest.Emit(pe);
                restEmit = watch.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + (result.Success ? " (" + (pe.Length / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB)" : " (failed)");
            }

            var removedChars = failing.Sum(t => (long)t.Length);
            Console.WriteLine("| " + round + " | " + name + ", without the " + failing.Count + " file(s) with errors | " + (generated.Length - failing.Count) + " | "
                + (generated.Sum(g => (long)g.Length) - removedChars).ToString("N0", CultureInfo.InvariantCulture) + " | – | – | "
                + restBind.ToString("F0", CultureInfo.InvariantCulture) + " | " + restEmit + " | " + restErrors + " / " + restDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning) + " |");

            foreach (var group in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(5))
            {
                Console.WriteLine("|   |   | " + group.Key + " ×" + group.Count() + ": " + group.First().GetMessage(CultureInfo.InvariantCulture).Replace("|", "\\|") + " |||||||");
            }
        }
    }

    /// <summary>The framework and this program's own dependencies (SpecClients.Runtime, Microsoft.Extensions.*).</summary>
    private static ImmutableArray<MetadataReference> References()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p =>
            {
                var file = Path.GetFileName(p);
                return !file.StartsWith("SpecClients.Benchmarks", StringComparison.Ordinal)
                    && !file.StartsWith("SpecClients.Generator", StringComparison.Ordinal)
                    && !file.StartsWith("BenchmarkDotNet", StringComparison.Ordinal);
            })
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
