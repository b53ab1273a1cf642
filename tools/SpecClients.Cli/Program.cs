using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpecClients.Benchmarks.Infrastructure;

namespace SpecClients.Cli;

/// <summary>
/// <c>SpecClients.Cli SPEC OUTDIR [--operations "a;b"] [--tags "x;y"] [--expansions all] [--enums strict]</c>: generates C# for one spec file into OUTDIR
/// (one file per generated source) the way the compiler runs the generator, and prints what it did. The options are
/// the <c>SpecClients_Operations</c> / <c>SpecClients_Tags</c> / <c>SpecClients_Expansions</c> / <c>SpecClients_Enums</c> metadata. Exit code 0 on success, 1 on a usage or
/// generator error, 2 when the spec has errors (the generated files are still written).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var metadata = new Dictionary<string, string>();
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i] switch
            {
                "--operations" => "SpecClients_Operations",
                "--tags" => "SpecClients_Tags",
                "--expansions" => "SpecClients_Expansions",
                "--enums" => "SpecClients_Enums",
                _ => null,
            };
            if (option is not null && i + 1 < args.Length)
            {
                metadata[option] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        if (positional.Count != 2)
        {
            Console.Error.WriteLine("usage: SpecClients.Cli <spec.yaml|spec.json> <output folder> [--operations \"id;id\"] [--tags \"tag;tag\"] [--expansions all] [--enums strict]");
            return 1;
        }

        var total = Stopwatch.StartNew();
        var specPath = Path.GetFullPath(positional[0]);
        var outDir = Path.GetFullPath(positional[1]);
        var text = File.ReadAllText(specPath);

        var generate = Stopwatch.StartNew();
        var driver = SpecDriver.Create(new[] { SpecDriver.Spec(specPath, text) }, metadata: metadata)
            .RunGenerators(SpecDriver.Compilation());
        var result = driver.GetRunResult();
        generate.Stop();

        var exception = result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
        if (exception is not null)
        {
            Console.Error.WriteLine("The generator threw: " + exception);
            return 1;
        }

        var write = Stopwatch.StartNew();
        Directory.CreateDirectory(outDir);
        long bytes = 0;
        var files = 0;
        foreach (var source in result.Results.SelectMany(r => r.GeneratedSources))
        {
            var content = source.SourceText.ToString();
            File.WriteAllText(Path.Combine(outDir, source.HintName), content);
            bytes += content.Length;
            files++;
        }

        write.Stop();
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20))
        {
            Console.Error.WriteLine(diagnostic.ToString());
        }

        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0}: {1} files, {2:N0} chars, {3} errors, {4} warnings; generate {5:F0} ms, write {6:F0} ms, total in Main {7:F0} ms, process {8:F0} ms since start",
            Path.GetFileName(specPath),
            files,
            bytes,
            errors,
            warnings,
            generate.Elapsed.TotalMilliseconds,
            write.Elapsed.TotalMilliseconds,
            total.Elapsed.TotalMilliseconds,
            (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds));
        return errors > 0 ? 2 : 0;
    }
}
