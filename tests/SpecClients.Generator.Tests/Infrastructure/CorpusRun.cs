using SpecClients.Testing;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Emit;
using SpecClients.Generator.Input;
using SpecClients.Generator.Model;
using SpecClients.Generator.Parsing;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>A diagnostic reduced to what a report needs, so a result keeps no compilation alive.</summary>
internal sealed record DiagnosticLine(string Id, DiagnosticSeverity Severity, string Message, string File, int Line)
{
    public static DiagnosticLine From(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return new DiagnosticLine(diagnostic.Id, diagnostic.Severity, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), Path.GetFileName(span.Path ?? string.Empty), span.StartLinePosition.Line + 1);
    }

    public override string ToString() => Id + " " + Severity + " " + File + ":" + Line + " " + Message;
}

internal enum ExampleStatus
{
    /// <summary>Valid against its schema, read and written back equivalent.</summary>
    Passed,

    /// <summary>Valid against its schema, but reading or writing failed or changed it: a bug.</summary>
    Failed,

    /// <summary>Not valid against its own schema; reported, not held against the generator.</summary>
    Invalid,

    /// <summary>Its schema got no generated type (an XML-only body, a second success response).</summary>
    Skipped,
}

internal sealed record ExampleOutcome(string Location, ExampleStatus Status, string? Detail)
{
    public override string ToString() => Status + " " + Location + (Detail is null ? string.Empty : ": " + Detail);
}

/// <summary>
/// One corpus document through the generator as a consumer project would see it, then compiled and exercised:
/// the records, enums and unions (with a round-trip harness) are compiled and emitted to an in-memory assembly, the
/// client files are compiled against it, and every example of the document is read and written back by the generated
/// converters. Runs once per document and is shared by the tests that look at it.
/// </summary>
internal sealed class CorpusRun
{
    private static readonly ConcurrentDictionary<string, Lazy<CorpusRun>> s_runs = new(StringComparer.Ordinal);

    private CorpusRun(string file) => File = file;

    public static string Folder => Path.Combine(RepositoryPaths.Shared, "corpus");

    public string File { get; }

    public string? GeneratorException { get; private set; }

    public List<DiagnosticLine> SpecDiagnostics { get; } = new();

    /// <summary>CS8784/CS8785 and the like: the generator failed inside the compiler.</summary>
    public List<DiagnosticLine> GeneratorFailures { get; } = new();

    /// <summary>Compiler warnings and errors in the generated records, enums and unions.</summary>
    public List<DiagnosticLine> TypeDiagnostics { get; } = new();

    /// <summary>Compiler warnings and errors in the generated client, options, auth and DI files.</summary>
    public List<DiagnosticLine> ClientDiagnostics { get; } = new();

    /// <summary>Errors in the test's own round-trip harness (never expected).</summary>
    public List<DiagnosticLine> HarnessDiagnostics { get; } = new();

    public int SourceCount { get; private set; }

    /// <summary>The operations whose request body the client sends as <c>multipart/form-data</c> parts.</summary>
    public List<string> MultipartOperations { get; } = new();

    public List<ExampleOutcome> Examples { get; } = new();

    /// <summary>What NJsonSchema found wrong in bodies the generated code wrote (see <see cref="CorpusOracle"/>).</summary>
    public List<OracleFinding> OracleFindings { get; } = new();

    /// <summary>How many written bodies the oracle validated.</summary>
    public int OracleChecks { get; set; }

    /// <summary>Examples NJsonSchema rejects as the document wrote them: the document's problem, not checked further.</summary>
    public int OracleRejectedExamples { get; set; }

    public TimeSpan GenerateTime { get; private set; }

    public TimeSpan CompileTime { get; private set; }

    public TimeSpan RoundTripTime { get; private set; }

    /// <summary>Processor time of the whole run: unlike wall time, it barely changes when other work shares the machine.</summary>
    public TimeSpan ProcessorTime { get; private set; }

    /// <summary>The run of a corpus document, by file name.</summary>
    public static CorpusRun For(string file) => ForPath(Path.Combine(Folder, file));

    /// <summary>The run of any spec file, by full path (the constructs spec uses it too).</summary>
    public static CorpusRun ForPath(string path) => s_runs.GetOrAdd(path, p => new Lazy<CorpusRun>(() => Run(p), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public int Count(ExampleStatus status) => Examples.Count(e => e.Status == status);

    public string Summary() =>
        $"{File}: {SourceCount} files; SPC errors {SpecDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)}, warnings {SpecDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning)}; "
        + $"compile: types {TypeDiagnostics.Count} diagnostics, client {ClientDiagnostics.Count}, harness {HarnessDiagnostics.Count}; "
        + $"examples {Examples.Count}: passed {Count(ExampleStatus.Passed)}, failed {Count(ExampleStatus.Failed)}, invalid {Count(ExampleStatus.Invalid)}, skipped {Count(ExampleStatus.Skipped)}; "
        + $"oracle: {OracleChecks} bodies checked, {OracleFindings.Count} findings, {OracleRejectedExamples} examples it rejects as written; "
        + $"time: generate {GenerateTime.TotalSeconds:F1}s, compile {CompileTime.TotalSeconds:F1}s, round trip {RoundTripTime.TotalSeconds:F1}s, processor {ProcessorTime.TotalSeconds:F1}s";

    private static CorpusRun Run(string path)
    {
        var file = Path.GetFileName(path);
        var run = new CorpusRun(file);
        var text = System.IO.File.ReadAllText(path);
        var additional = new InMemoryAdditionalText("/project/specs/" + file, text);

        // 1. The generator as the compiler runs it.
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var consumer = GeneratorHarness.CreateCompilation("namespace Consumer; internal static class Placeholder { }");
        var driver = GeneratorHarness.CreateDriver(new[] { additional }, trackSteps: false)
            .RunGeneratorsAndUpdateCompilation(consumer, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult();
        run.GeneratorException = result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null)?.ToString();
        run.SpecDiagnostics.AddRange(result.Diagnostics.Select(DiagnosticLine.From));
        run.GeneratorFailures.AddRange(generatorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("SPC", StringComparison.Ordinal)).Select(DiagnosticLine.From));
        run.SourceCount = result.Results.Sum(r => r.GeneratedSources.Length);

        // 2. The same model again, recording the type of every schema pointer, to meet examples with their types.
        var (document, schemaTypes, spec) = BuildModel(additional);
        run.GenerateTime = watch.Elapsed;
        if (spec is null || document is null)
        {
            return run;
        }

        run.MultipartOperations.AddRange(spec.Client?.Operations.Where(o => o.Body?.Kind == Model.BodyKind.Multipart).Select(o => o.HttpMethod + " " + o.Path) ?? Enumerable.Empty<string>());
        var typeHints = new HashSet<string>(OutputLayout.TypeHintNames(spec), StringComparer.OrdinalIgnoreCase);
        var generated = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).Select(NullableWarnings.Enable).ToList();
        var typeTrees = generated.Where(t => typeHints.Contains(Path.GetFileName(t.FilePath))).ToList();
        var clientTrees = generated.Where(t => !typeHints.Contains(Path.GetFileName(t.FilePath))).ToList();

        var examples = ExampleCollector.Collect(document);
        var (harness, cases) = BuildHarness(examples, schemaTypes, spec, run);

        // 3. Compile: the types with the harness to an assembly, then the client against it.
        watch.Restart();
        var harnessTree = CSharpSyntaxTree.ParseText(harness, GeneratorHarness.ParseOptions, "/harness/RoundTrip.cs", Encoding.UTF8);
        var types = GeneratorHarness.CreateCompilation("CorpusTypes" + Math.Abs(file.GetHashCode()), typeTrees.Append(harnessTree));
        using var image = new MemoryStream();
        var emitted = types.Emit(image);
        foreach (var diagnostic in emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            (diagnostic.Location.SourceTree == harnessTree ? run.HarnessDiagnostics : run.TypeDiagnostics).Add(DiagnosticLine.From(diagnostic));
        }

        if (emitted.Success)
        {
            var client = GeneratorHarness.CreateCompilation("CorpusClient", clientTrees, MetadataReference.CreateFromImage(image.ToArray()));
            run.ClientDiagnostics.AddRange(client.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(DiagnosticLine.From));
        }

        run.CompileTime = watch.Elapsed;

        // 4. Round trip every example through the generated converters.
        watch.Restart();
        if (emitted.Success)
        {
            RoundTrip(image, cases, run, spec, Testing.Oracle.SchemaOracle.ForFile(path));
        }

        run.RoundTripTime = watch.Elapsed;
        run.ProcessorTime = Process.GetCurrentProcess().TotalProcessorTime - processor;
        return run;
    }

    /// <summary>The model again through the tools' seam, with the type of every schema pointer, to meet examples with their types.</summary>
    private static (OpenApiDocument? Document, IReadOnlyDictionary<string, TypeRef> SchemaTypes, ApiSpec? Spec) BuildModel(InMemoryAdditionalText additional)
    {
        var input = SpecFileSelector.Select(additional, new TestOptionsProvider(), CancellationToken.None)!;
        var document = GeneratorStages.ReadOpenApi(GeneratorStages.ReadYaml(input));
        if (document.Document is null)
        {
            return (null, new Dictionary<string, TypeRef>(), null);
        }

        var (spec, schemaTypes) = GeneratorStages.BuildModelWithSchemaTypes(document);
        return (document.Document, schemaTypes, spec);
    }

    /// <summary>A round-trip case: an example, the index of the harness method for its type, and whether it is valid.</summary>
    private sealed record HarnessCase(SpecExample Example, int Method, string? Invalid);

    /// <summary>One harness method per distinct type: read the example with the generated reader, write it with the generated writer.</summary>
    private static (string Source, List<HarnessCase> Cases) BuildHarness(List<SpecExample> examples, IReadOnlyDictionary<string, TypeRef> schemaTypes, ApiSpec spec, CorpusRun run)
    {
        var methods = new Dictionary<TypeRef, int>();
        var cases = new List<HarnessCase>();
        var unions = spec.Types.OfType<UnionSpec>().ToDictionary(u => "global::" + spec.Context.Namespace + "." + u.Name, StringComparer.Ordinal);
        var source = new StringBuilder();
        source.AppendLine("#nullable enable");
        source.AppendLine("#pragma warning disable CS0162 // a document without examples leaves only the default case");
        source.AppendLine("using " + spec.Context.Namespace + ";");
        source.AppendLine("namespace CorpusHarness;");
        source.AppendLine("public static class RoundTrip");
        source.AppendLine("{");
        foreach (var example in examples)
        {
            var invalid = ExampleValidator.Validate(example.Value, example.Schema);
            if (!schemaTypes.TryGetValue(example.SchemaPointer, out var type) && (example.FallbackPointer is null || !schemaTypes.TryGetValue(example.FallbackPointer, out type)))
            {
                run.Examples.Add(new ExampleOutcome(example.Location, ExampleStatus.Skipped, "no generated type for " + example.SchemaPointer));
                continue;
            }

            if (example.Value is null)
            {
                run.Examples.Add(new ExampleOutcome(example.Location, invalid is null ? ExampleStatus.Passed : ExampleStatus.Invalid, invalid));
                continue;
            }

            if (!methods.TryGetValue(type, out var index))
            {
                index = methods.Count;
                methods[type] = index;
                source.AppendLine("    public static void M" + index + "(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.Utf8JsonWriter writer)");
                source.AppendLine("    {");
                if (type.Kind == Model.TypeKind.Union && unions.TryGetValue(type.Name, out var union))
                {
                    // A union is written back through the branch it matched, so the typed branch is what is tested.
                    source.AppendLine("        var value = " + JsonCode.ReadValue(type, "reader", "example", "$") + ";");
                    source.AppendLine("        switch (value.Case)");
                    source.AppendLine("        {");
                    foreach (var branch in union.Branches)
                    {
                        source.AppendLine("            case " + type.Name + ".Cases." + branch.Name + ":");
                        source.AppendLine("            {");
                        source.AppendLine("                var branch = value.As" + branch.Name + "();");
                        source.AppendLine("                " + JsonCode.WriteValue(branch.Type, "writer", "branch"));
                        source.AppendLine("                return;");
                        source.AppendLine("            }");
                    }

                    source.AppendLine("            default: throw new global::System.InvalidOperationException(\"The value matches no branch of " + union.Name + ".\");");
                    source.AppendLine("        }");
                }
                else
                {
                    source.AppendLine("        var value = " + JsonCode.ReadValue(type, "reader", "example", "$") + ";");
                    source.AppendLine("        " + JsonCode.WriteValue(type, "writer", "value"));
                }

                source.AppendLine("    }");
            }

            cases.Add(new HarnessCase(example, index, invalid));
        }

        source.AppendLine("    public static string Run(int method, string json)");
        source.AppendLine("    {");
        source.AppendLine("        var reader = new global::System.Text.Json.Utf8JsonReader(global::System.Text.Encoding.UTF8.GetBytes(json));");
        source.AppendLine("        reader.Read();");
        source.AppendLine("        using var stream = new global::System.IO.MemoryStream();");
        source.AppendLine("        using (var writer = new global::System.Text.Json.Utf8JsonWriter(stream))");
        source.AppendLine("        {");
        source.AppendLine("            switch (method)");
        source.AppendLine("            {");
        for (var i = 0; i < methods.Count; i++)
        {
            source.AppendLine("                case " + i + ": M" + i + "(ref reader, writer); break;");
        }

        source.AppendLine("                default: throw new global::System.ArgumentOutOfRangeException(nameof(method));");
        source.AppendLine("            }");
        source.AppendLine("        }");
        source.AppendLine();
        source.AppendLine("        return global::System.Text.Encoding.UTF8.GetString(stream.ToArray());");
        source.AppendLine("    }");
        source.AppendLine("}");
        return (source.ToString(), cases);
    }

    private static void RoundTrip(MemoryStream image, List<HarnessCase> cases, CorpusRun run, ApiSpec spec, Testing.Oracle.SchemaOracle oracle)
    {
        var context = new AssemblyLoadContext("corpus-" + run.File, isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var method = assembly.GetType("CorpusHarness.RoundTrip", throwOnError: true)!.GetMethod("Run")!;
            foreach (var item in cases)
            {
                var json = item.Example.Value!.ToJsonString();
                string? problem;
                try
                {
                    var written = (string)method.Invoke(null, new object[] { item.Method, json })!;
                    problem = JsonEquivalence.Difference(json, written);
                    if (item.Invalid is null)
                    {
                        CorpusOracle.CheckExample(oracle, item.Example, json, written, run);
                    }
                }
                catch (TargetInvocationException ex)
                {
                    problem = ex.InnerException!.GetType().Name + ": " + ex.InnerException.Message;
                }

                var status = item.Invalid is not null ? ExampleStatus.Invalid : problem is null ? ExampleStatus.Passed : ExampleStatus.Failed;
                var detail = item.Invalid is not null ? item.Invalid + (problem is null ? " (round-trips anyway)" : " (round trip: " + problem + ")") : problem;
                run.Examples.Add(new ExampleOutcome(item.Example.Location, status, detail));
            }

            CorpusOracle.CheckRandomRequests(assembly, spec, oracle, run);
        }
        finally
        {
            context.Unload();
        }
    }
}
