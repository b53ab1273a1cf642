using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using SpecClients.Benchmarks.Infrastructure;

namespace SpecClients.Benchmarks.Scale;

/// <summary>
/// <c>scale</c>: runs the generator on each corpus document in a fresh process of its own (<c>scale-one</c>), so that
/// the first run, peak memory and start-up are those of a new process, then prints a Markdown table and writes
/// docs/performance-scale.svg.
/// </summary>
internal static class ScaleReport
{
    private const string Marker = "SCALE\t";

    public static int Run(string[] args)
    {
        var corpus = args.Length > 0 ? args[0] : Paths.Corpus;
        var files = Directory.GetFiles(corpus)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(f => new FileInfo(f).Length)
            .ToList();
        var loadBefore = Machine.LoadAverage();
        var rows = new List<Row>();
        foreach (var file in files)
        {
            var output = RunChild(file);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
            if (line is null)
            {
                Console.Error.WriteLine(Path.GetFileName(file) + ": no result; output:\n" + output);
                continue;
            }

            var row = Row.Parse(line.Substring(Marker.Length).TrimEnd('\r'));
            rows.Add(row);
            Console.WriteLine(row.File + ": cold " + row.ColdMs.ToString("F0", CultureInfo.InvariantCulture) + " ms, warm " + row.WarmMedianMs.ToString("F1", CultureInfo.InvariantCulture)
                + " ms, process start to first output " + row.SinceStartMs.ToString("F0", CultureInfo.InvariantCulture) + " ms, peak " + row.PeakColdMiB.ToString("F0", CultureInfo.InvariantCulture) + " MiB");
        }

        var loadAfter = Machine.LoadAverage();
        Console.WriteLine();
        Console.WriteLine(Table(rows));
        Console.WriteLine("Load average before: " + loadBefore + "; after: " + loadAfter + "; " + Environment.ProcessorCount + " cores.");

        var svgPath = Path.Combine(Paths.Docs, "performance-scale.svg");
        File.WriteAllText(svgPath, Svg(rows, loadBefore, loadAfter));
        Console.WriteLine("Wrote " + svgPath);
        return 0;
    }

    /// <summary>The child: one document, first run then warm runs, in this fresh process.</summary>
    public static int RunOne(string specPath)
    {
        var text = File.ReadAllText(specPath);
        var name = Path.GetFileName(specPath);
        var spec = SpecDriver.Spec("/project/specs/" + name, text);
        var compilation = SpecDriver.Compilation();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var driver = SpecDriver.Create(new[] { spec }).RunGenerators(compilation);
        var result = driver.GetRunResult();
        watch.Stop();
        var coldMs = watch.Elapsed.TotalMilliseconds;
        var sinceStartMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        var coldAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peakCold = Machine.PeakResidentMiB();
        SpecDriver.Checked(driver);

        var sources = result.Results.SelectMany(r => r.GeneratedSources).ToList();
        var chars = sources.Sum(s => (long)s.SourceText.Length);
        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);

        // Warm: new drivers in the now warm process; at least 3 runs, at most 10 or about 10 s.
        var warm = new List<double>();
        long warmAllocated = 0;
        var budget = Stopwatch.StartNew();
        while (warm.Count < 3 || (warm.Count < 10 && budget.Elapsed < TimeSpan.FromSeconds(10)))
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            watch.Restart();
            SpecDriver.Create(new[] { spec }).RunGenerators(compilation);
            watch.Stop();
            warmAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            warm.Add(watch.Elapsed.TotalMilliseconds);
        }

        // Re-run after an unrelated C# edit: the driver of the first run, a compilation with one more tree.
        var edited = SpecDriver.WithUnrelatedEdit(compilation);
        var rerun = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            watch.Restart();
            driver.RunGenerators(edited);
            watch.Stop();
            rerun.Add(watch.Elapsed.TotalMilliseconds);
        }

        var row = new Row(
            name,
            new FileInfo(specPath).Length,
            sources.Count,
            chars,
            errors,
            warnings,
            coldMs,
            coldAllocated,
            peakCold,
            Median(warm),
            warm.Min(),
            warm.Count,
            warmAllocated,
            Median(rerun),
            Machine.PeakResidentMiB(),
            sinceStartMs);
        Console.WriteLine(Marker + row.Format());
        return 0;
    }

    private static string RunChild(string file)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(processPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScaleReport).Assembly.Location);
        }

        start.ArgumentList.Add("scale-one");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + processPath);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output + error.Result;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Table(List<Row> rows)
    {
        var table = new StringBuilder();
        table.AppendLine("| # | document | size | files out | chars out | errors / warnings | first run, fresh process (ms) | process start → first run done (ms) | peak RSS after first run (MiB) | warm run, median (min) (ms) | allocated per warm run (MiB) | re-run after unrelated C# edit (ms) |");
        table.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var n = 1;
        foreach (var r in rows)
        {
            table.Append("| ").Append(n++).Append(" | `").Append(r.File).Append("` | ").Append(Size(r.Bytes)).Append(" | ")
                .Append(r.Files).Append(" | ").Append(r.Chars.ToString("N0", CultureInfo.InvariantCulture)).Append(" | ")
                .Append(r.Errors).Append(" / ").Append(r.Warnings).Append(" | ")
                .Append(r.ColdMs.ToString("F0", CultureInfo.InvariantCulture)).Append(" | ")
                .Append(r.SinceStartMs.ToString("F0", CultureInfo.InvariantCulture)).Append(" | ")
                .Append(r.PeakColdMiB.ToString("F0", CultureInfo.InvariantCulture)).Append(" | ")
                .Append(r.WarmMedianMs.ToString(r.WarmMedianMs < 100 ? "F1" : "F0", CultureInfo.InvariantCulture)).Append(" (")
                .Append(r.WarmMinMs.ToString(r.WarmMinMs < 100 ? "F1" : "F0", CultureInfo.InvariantCulture)).Append(") | ")
                .Append((r.WarmAllocated / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)).Append(" | ")
                .Append(r.RerunMedianMs.ToString("F3", CultureInfo.InvariantCulture)).AppendLine(" |");
        }

        return table.ToString();
    }

    private static string Size(long bytes) =>
        bytes >= 1048576 ? (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KB";

    private static string Svg(List<Row> rows, string loadBefore, string loadAfter)
    {
        static string Short(string file) => Path.GetFileNameWithoutExtension(file).Replace("oai-v3.0-", string.Empty).Replace("oai-v3.1-", string.Empty);
        var time = new[]
        {
            new ChartSeries("first run in a fresh process", "#d62728", rows.Select(r => (r.Bytes / 1024.0, r.ColdMs, Short(r.File))).ToList()),
            new ChartSeries("warm run (median)", "#1f77b4", rows.Select(r => (r.Bytes / 1024.0, r.WarmMedianMs, Short(r.File))).ToList(), LabelPoints: true),
            new ChartSeries("process start to first run done", "#ff7f0e", rows.Select(r => (r.Bytes / 1024.0, r.SinceStartMs, Short(r.File))).ToList()),
        };
        var memory = new[]
        {
            new ChartSeries("peak RSS after the first run", "#2ca02c", rows.Select(r => (r.Bytes / 1024.0, r.PeakColdMiB, Short(r.File))).ToList()),
            new ChartSeries("allocated per warm run", "#9467bd", rows.Select(r => (r.Bytes / 1024.0, r.WarmAllocated / 1048576.0, Short(r.File))).ToList(), LabelPoints: true),
        };
        var caption = "Generated by `dotnet run -c Release --project tools/SpecClients.Benchmarks -- scale` on " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            + " UTC; " + Environment.ProcessorCount + " cores, .NET " + Environment.Version + ".\n"
            + "Load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAfter + ". The machine was shared with other builds: times are noisy.\n"
            + "Each document runs in its own fresh process: first run = JIT + generation; warm = new driver, same process.";
        return SvgChart.Document(
            "SpecClients generator: time and memory against document size (13 corpus documents)",
            caption,
            ("Generation time", "document size (KB, log)", "milliseconds (log)", time),
            ("Memory", "document size (KB, log)", "MiB (log)", memory));
    }

    private sealed record Row(
        string File,
        long Bytes,
        int Files,
        long Chars,
        int Errors,
        int Warnings,
        double ColdMs,
        long ColdAllocated,
        double PeakColdMiB,
        double WarmMedianMs,
        double WarmMinMs,
        int WarmRuns,
        long WarmAllocated,
        double RerunMedianMs,
        double PeakEndMiB,
        double SinceStartMs)
    {
        public string Format() => string.Join("\t", File, I(Bytes), I(Files), I(Chars), I(Errors), I(Warnings), D(ColdMs), I(ColdAllocated), D(PeakColdMiB), D(WarmMedianMs), D(WarmMinMs), I(WarmRuns), I(WarmAllocated), D(RerunMedianMs), D(PeakEndMiB), D(SinceStartMs));

        public static Row Parse(string line)
        {
            var f = line.Split('\t');
            return new Row(f[0], L(f[1]), (int)L(f[2]), L(f[3]), (int)L(f[4]), (int)L(f[5]), P(f[6]), L(f[7]), P(f[8]), P(f[9]), P(f[10]), (int)L(f[11]), L(f[12]), P(f[13]), P(f[14]), P(f[15]));
        }

        private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static string D(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static long L(string text) => long.Parse(text, CultureInfo.InvariantCulture);

        private static double P(string text) => double.Parse(text, CultureInfo.InvariantCulture);
    }
}
