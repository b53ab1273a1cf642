using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpecClients.Testing;

namespace SpecClients.Generator.Reliability.Tests.Infrastructure;

/// <summary>
/// Runs the public generator through the shared <see cref="GeneratorHarness"/> on one in-memory spec
/// with a time limit, and compiles what it generated when it reported no error. Runs inside the worker process
/// (<see cref="IsolatedGenerator"/>), so that a generator that overflows the stack takes down the worker, not the tests.
/// </summary>
internal static class GeneratorRunner
{
    private static readonly Lazy<CSharpCompilation> s_baseCompilation =
        new(() => GeneratorHarness.CreateCompilation("namespace Consumer; internal static class Placeholder { }"));

    // Source sets (comments stripped) that compiled without errors: a mutation that only changed a description
    // generates the same code and need not be compiled again.
    private static readonly ConcurrentDictionary<string, bool> s_compiled = new(StringComparer.Ordinal);

    public static CaseResult Run(CaseRequest request)
    {
        var text = request.Text ?? File.ReadAllText(request.TextFile!);
        var timeout = TimeSpan.FromMilliseconds(request.TimeoutMs);
        using var cancellation = new CancellationTokenSource(timeout);
        var stopwatch = Stopwatch.StartNew();
        var phase = new Phase();
        var work = Task.Run(() => RunCore(request, text, phase, cancellation.Token));
        try
        {
            // The generator is given the token; the extra grace catches a generator that ignores it.
            if (!work.Wait(timeout + TimeSpan.FromSeconds(5)))
            {
                cancellation.Cancel();
                return new CaseResult { Id = request.Id, Hang = true, HangPhase = phase.Name, ElapsedMs = stopwatch.Elapsed.TotalMilliseconds };
            }

            return work.Result with { ElapsedMs = stopwatch.Elapsed.TotalMilliseconds };
        }
        catch (AggregateException ex) when (ex.InnerException is OperationCanceledException)
        {
            return new CaseResult { Id = request.Id, Hang = true, HangPhase = phase.Name, ElapsedMs = stopwatch.Elapsed.TotalMilliseconds };
        }
        catch (AggregateException ex)
        {
            return new CaseResult { Id = request.Id, Exception = "harness: " + (ex.InnerException ?? ex), ElapsedMs = stopwatch.Elapsed.TotalMilliseconds };
        }
    }

    private sealed class Phase
    {
        public volatile string Name = "generator";
    }

    private static CaseResult RunCore(CaseRequest request, string text, Phase phase, CancellationToken cancellationToken)
    {
        var generatorTime = Stopwatch.StartNew();
        var driver = GeneratorHarness.CreateDriver(new AdditionalText[] { new InMemoryAdditionalText(request.SpecPath, text) }, trackSteps: false);
        driver = driver.RunGeneratorsAndUpdateCompilation(s_baseCompilation.Value, out var output, out var driverDiagnostics, cancellationToken);
        var result = driver.GetRunResult();
        var exception = result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
        var sources = result.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray();
        var specDiagnostics = result.Diagnostics;
        generatorTime.Stop();
        phase.Name = "compile";
        var compileTime = Stopwatch.StartNew();

        var compileErrors = new List<DiagnosticRecord>();
        var compiled = false;
        var cached = false;
        if (request.Compile && exception is null && !specDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) && sources.Length > 0)
        {
            var key = Fingerprint(sources);
            if (s_compiled.ContainsKey(key))
            {
                cached = true;
            }
            else
            {
                compileErrors = output.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => Record(d, withLine: true)).ToList();
                compiled = true;
                if (compileErrors.Count == 0)
                {
                    s_compiled.TryAdd(key, true);
                }
            }
        }

        return new CaseResult
        {
            Id = request.Id,
            GeneratorMs = generatorTime.Elapsed.TotalMilliseconds,
            CompileMs = compiled ? compileTime.Elapsed.TotalMilliseconds : 0,
            Exception = exception?.ToString(),
            DriverFailures = driverDiagnostics.Where(d => d.Id.StartsWith("CS878", StringComparison.Ordinal)).Select(d => Record(d, withLine: false)).ToList(),
            Diagnostics = specDiagnostics.Select(d => Record(d, withLine: false)).ToList(),
            SourceCount = sources.Length,
            Compiled = compiled,
            CompileCached = cached,
            CompileErrors = compileErrors,
        };
    }

    private static DiagnosticRecord Record(Diagnostic diagnostic, bool withLine)
    {
        var span = diagnostic.Location.GetLineSpan();
        string? sourceLine = null;
        if (withLine && diagnostic.Location.SourceTree is { } tree)
        {
            var lines = tree.GetText().Lines;
            var line = span.StartLinePosition.Line;
            sourceLine = line < lines.Count ? lines[line].ToString().Trim() : null;
            if (sourceLine is { Length: > 300 })
            {
                sourceLine = sourceLine.Substring(0, 300) + "…";
            }
        }

        return new DiagnosticRecord(
            diagnostic.Id,
            diagnostic.Severity.ToString(),
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            span.Path ?? string.Empty,
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            sourceLine);
    }

    private static string Fingerprint(ImmutableArray<GeneratedSourceResult> sources)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in sources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(source.HintName + "\n"));
            foreach (var line in source.SourceText.Lines)
            {
                var content = line.ToString().TrimStart();
                if (!content.StartsWith("//", StringComparison.Ordinal))
                {
                    hash.AppendData(Encoding.UTF8.GetBytes(content + "\n"));
                }
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
