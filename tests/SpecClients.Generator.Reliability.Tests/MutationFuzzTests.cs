using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpecClients.Generator.Reliability.Tests.Fuzz;
using SpecClients.Generator.Reliability.Tests.Infrastructure;
using SpecClients.Testing;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Generator.Reliability.Tests;

/// <summary>
/// Seeded mutation fuzzing of the five provider specs and the small documents of the shared corpus. Every mutation must
/// leave the generator standing: no crash, no hang (each case has 10 s), no exception escaping it, and compiling output
/// whenever no SPC error was reported. SPC900 (an internal error the generator caught) is counted and listed, not
/// failed on: it is a generator bug, but the build reports it as a diagnostic.
/// </summary>
/// <remarks>
/// <c>SPECCLIENTS_FUZZ_SEED</c> (default 20261122) and <c>SPECCLIENTS_FUZZ_COUNT</c> (default 3,000, sized for CI on two
/// cores) choose the run. Failing inputs are written to <c>TestResults/fuzz-failures/</c> to replay as hostile specs.
/// </remarks>
public sealed class MutationFuzzTests
{
    public const int DefaultSeed = 20261122;
    public const int DefaultCount = 3000;

    /// <summary>Corpus documents up to this size are fuzzed; the large ones would spend the time budget compiling.</summary>
    private const int MaxCorpusDocumentBytes = 30_000;

    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Failures of known generator bugs, each reproduced by a case in HostileSpecs/known-bugs.txt: counted and listed,
    /// not failed on. Remove a line when its bug is fixed.
    /// </summary>
    private static readonly (string Signature, string Case)[] KnownBugs =
    {
        ("does not contain a definition for 'Tokens'", "none/x-signature-without-token-scheme.yaml"),
        ("Cannot convert null to 'JsonElement'", "none/untyped-secret-property.yaml"),
        ("'JsonElement?' does not contain a definition for 'WriteTo'", "none/form-body-without-schema.yaml"),
    };

    private readonly ITestOutputHelper _output;

    public MutationFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void MutatedSpecsNeverBreakTheGenerator()
    {
        var seed = EnvironmentInt("SPECCLIENTS_FUZZ_SEED", DefaultSeed);
        var count = EnvironmentInt("SPECCLIENTS_FUZZ_COUNT", DefaultCount);
        var sources = Sources();
        Assert.True(sources.Count >= 5, "the provider specs were not found");

        var mutator = new Mutator(seed);
        var picker = new Random(seed ^ 0x5bd1e995);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var operations = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var internalErrors = new Dictionary<string, int>(StringComparer.Ordinal);
        var knownBugHits = new Dictionary<string, int>(StringComparer.Ordinal);
        var compiled = 0;
        var cached = 0;
        var slowest = (Name: string.Empty, Ms: 0.0);
        var failureFolder = Path.Combine(FiguresFile.Folder, "fuzz-failures");
        var stopwatch = Stopwatch.StartNew();
        var workersBefore = IsolatedGenerator.WorkersStarted;

        for (var i = 0; i < count; i++)
        {
            var source = sources[picker.Next(sources.Count)];
            var mutated = mutator.Mutate(source.Text, out var applied);
            foreach (var operation in applied.Split('+'))
            {
                operations[operation] = operations.GetValueOrDefault(operation) + 1;
            }

            var id = $"{i:D5}-{source.Name}";
            var result = IsolatedGenerator.Run(new CaseRequest(id, "/project/specs/" + source.Name, mutated, null, (int)CaseTimeout.TotalMilliseconds));
            outcomes[result.Classification] = outcomes.GetValueOrDefault(result.Classification) + 1;
            compiled += result.Compiled ? 1 : 0;
            cached += result.CompileCached ? 1 : 0;
            if (result.ElapsedMs > slowest.Ms)
            {
                slowest = (id, result.ElapsedMs);
            }

            foreach (var internalError in result.Diagnostics.Where(d => d.Id == "SPC900"))
            {
                // "Spec 'x' could not be processed (NullReferenceException: …); please report…": the exception and its message.
                var cause = internalError.Message.Split(" could not be processed (", 2).ElementAtOrDefault(1) ?? internalError.Message;
                cause = cause.Split("); please report", 2)[0];
                cause = cause.Length > 110 ? cause.Substring(0, 110) + "…" : cause;
                internalErrors[cause] = internalErrors.GetValueOrDefault(cause) + 1;
                if (internalErrors[cause] == 1)
                {
                    // Keep the first input of each cause, to turn into a hostile case.
                    Directory.CreateDirectory(Path.Combine(failureFolder, "spc900"));
                    File.WriteAllText(Path.Combine(failureFolder, "spc900", Path.ChangeExtension(id, null) + Path.GetExtension(source.Name)), mutated);
                }
            }

            var isFailure = result.Crash is not null || result.Hang || result.Exception is not null || result.DriverFailures.Count > 0 || result.CompileErrors.Count > 0;
            var known = isFailure ? KnownBugs.FirstOrDefault(k => result.Describe().Contains(k.Signature, StringComparison.Ordinal)) : default;
            if (known.Case is not null)
            {
                knownBugHits[known.Case] = knownBugHits.GetValueOrDefault(known.Case) + 1;
            }
            else if (isFailure)
            {
                Directory.CreateDirectory(failureFolder);
                var file = Path.Combine(failureFolder, Path.ChangeExtension(id, null) + Path.GetExtension(source.Name));
                File.WriteAllText(file, mutated);
                failures.Add($"{id} [{applied}] {result.Describe()}\n  input: {file}");
            }
        }

        var report = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Mutation fuzz: seed {seed}, {count} mutations of {sources.Count} documents in {stopwatch.Elapsed.TotalSeconds:F0} s ")
            .Append(CultureInfo.InvariantCulture, $"({IsolatedGenerator.WorkersStarted - workersBefore} worker processes started; outputs compiled {compiled}, identical to one compiled before {cached})\n")
            .Append("Documents: ").Append(string.Join(", ", sources.Select(s => s.Name))).Append('\n')
            .Append("Outcomes (error ids, or warn:ids, or clean):\n").Append(FiguresFile.Table(outcomes)).Append('\n')
            .Append("Mutation operators applied:\n").Append(FiguresFile.Table(operations)).Append('\n')
            .Append("SPC900 causes (generator bugs, not failed on):\n").Append(internalErrors.Count == 0 ? "  none" : FiguresFile.Table(internalErrors)).Append('\n')
            .Append("Known bugs hit (see HostileSpecs/known-bugs.txt, not failed on):\n").Append(knownBugHits.Count == 0 ? "  none" : FiguresFile.Table(knownBugHits)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"Slowest case: {slowest.Name} {slowest.Ms:F0} ms\n")
            .Append("Failures: ").Append(failures.Count).Append('\n');
        foreach (var failure in failures.Take(20))
        {
            report.Append("  ").Append(failure).Append('\n');
        }

        _output.WriteLine(report.ToString());
        FiguresFile.Write("fuzz-figures.txt", report.ToString());
        Assert.True(failures.Count == 0, report.ToString());
    }

    private static List<(string Name, string Text)> Sources()
    {
        var sources = Directory.GetFiles(RepositoryPaths.Specs, "*.yaml").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
        if (Directory.Exists(RepositoryPaths.Corpus))
        {
            sources.AddRange(Directory.GetFiles(RepositoryPaths.Corpus).OrderBy(f => f, StringComparer.Ordinal)
                .Where(f => (f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)) && new FileInfo(f).Length <= MaxCorpusDocumentBytes)
                .Select(f => ("corpus-" + Path.GetFileName(f), File.ReadAllText(f))));
        }

        return sources;
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
