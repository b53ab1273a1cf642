using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpecClients.Benchmarks.Infrastructure;
using SpecClients.Generator;
using SpecClients.Generator.Input;
using SpecClients.Generator.Model;

namespace SpecClients.Benchmarks.Generator;

/// <summary>
/// <c>incremental</c>: where the time of a re-run after editing one Stripe schema goes — the driver's own step
/// timings, and each stage of the parse (YAML, OpenAPI reader, model) against emitting the one type that changed.
/// Stopwatch medians in a warm process; see docs/performance.md.
/// </summary>
internal static class IncrementalReport
{
    private const int Repeats = 5;

    public static int Run(string[] args)
    {
        Console.WriteLine("Machine: " + Machine.Describe());
        var stripe = Scenarios.Stripe();
        var edited = Scenarios.EditStripeSchema(stripe);
        var compilation = SpecDriver.Compilation();

        // 1. The driver, with step tracking on to read its per-step timings and run reasons.
        var first = SpecDriver.Checked(SpecDriver.Create(new[] { stripe }, trackSteps: true).RunGenerators(compilation));
        first = SpecDriver.Create(new[] { stripe }, trackSteps: true).RunGenerators(compilation); // JIT out of the way
        var replaced = first.ReplaceAdditionalText(stripe, edited);
        GeneratorDriver after = replaced;
        var total = Measure(() => after = replaced.RunGenerators(compilation));
        var run = after.GetRunResult().Results[0];
        Console.WriteLine();
        Console.WriteLine("Stripe, one property added to one schema, driver re-run (tracking on): median " + Ms(total) + " of " + Repeats);
        Console.WriteLine("| step | items | run reasons | elapsed (sum over items, last run) |");
        Console.WriteLine("|---|---:|---|---:|");
        foreach (var step in run.TrackedSteps.OrderBy(s => Order(s.Key)))
        {
            Print(step.Key, step.Value);
        }

        foreach (var step in run.TrackedOutputSteps)
        {
            Print(step.Key + " (output)", step.Value);
        }

        var unrelated = SpecDriver.WithUnrelatedEdit(compilation);
        GeneratorDriver cached = first;
        var cachedTime = Measure(() => cached = first.RunGenerators(unrelated));
        var cachedRun = cached.GetRunResult().Results[0];
        Console.WriteLine();
        Console.WriteLine("Stripe, unrelated C# edit, driver re-run (tracking on): median " + Ms(cachedTime) + "; output run reasons: "
            + Reasons(cachedRun.TrackedOutputSteps.SelectMany(s => s.Value)));
        var untracked = SpecDriver.Create(new[] { stripe }).RunGenerators(compilation);
        var untrackedTime = Measure(() => untracked.RunGenerators(unrelated));
        Console.WriteLine("Stripe, unrelated C# edit, driver re-run (tracking off, as in the compiler): median " + Ms(untrackedTime));

        // 2. The parse stages and the emit, called directly through the generator's stage seam.
        var oldInput = Input(stripe);
        var newInput = Input(edited);
        GeneratorStages.YamlStage yaml = null!;
        var yamlTime = Measure(() => yaml = GeneratorStages.ReadYaml(newInput));
        GeneratorStages.OpenApiStage document = null!;
        var reader = Measure(() => document = GeneratorStages.ReadOpenApi(yaml));
        var locate = Measure(() => GeneratorStages.LocateReaderMessages(document));
        var build = Measure(() => _ = GeneratorStages.BuildModel(document));
        Result<ApiSpec> parsedNew = null!;
        var parse = Measure(() => parsedNew = GeneratorStages.Parse(newInput));
        var parsedOld = GeneratorStages.Parse(oldInput);
        var inputEquals = Measure(() => _ = oldInput.Equals(newInput));
        var modelEquals = Measure(() => _ = parsedOld.Equals(parsedNew));
        var parsedOldAgain = GeneratorStages.Parse(oldInput);
        var modelEqualsFull = Measure(() => _ = parsedOld.Equals(parsedOldAgain));

        var outputs = GeneratorStages.Fan(parsedNew.Value!);
        var changedType = parsedNew.Value!.Types.Where(t => !parsedOld.Value!.Types.Contains(t)).ToList();
        var one = outputs.First(o => o.Types.Any(changedType.Contains));
        var emitAll = Measure(() =>
        {
            foreach (var output in outputs)
            {
                GeneratorStages.Emit(output);
            }
        });
        var emitOne = Measure(() => GeneratorStages.Emit(one));

        Console.WriteLine();
        Console.WriteLine("Stripe (" + (newInput.Text.Length / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " M chars): " + parsedNew.Value!.Types.Count + " types, " + outputs.Count + " outputs; the edit changes "
            + changedType.Count + " type(s): " + string.Join(", ", changedType.Select(t => t.Name)));
        Console.WriteLine("| stage (called directly, median of " + Repeats + ") | time |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine("| YAML → JsonNode (`GeneratorStages.ReadYaml`) | " + Ms(yamlTime) + " |");
        Console.WriteLine("| JsonNode → OpenApiDocument (`GeneratorStages.ReadOpenApi`) | " + Ms(reader) + " |");
        Console.WriteLine("| OpenApiDocument → model (`GeneratorStages.BuildModel`) | " + Ms(build) + " |");
        Console.WriteLine("| locate the reader's " + document.MessageCount + " errors and warnings in the YAML (`GeneratorStages.LocateReaderMessages`) | " + Ms(locate) + " |");
        Console.WriteLine("| whole parse (`GeneratorStages.Parse`: the four above and the rest) | " + Ms(parse) + " |");
        Console.WriteLine("| `SpecInput` equality (old vs new text) | " + Ms(inputEquals) + " |");
        Console.WriteLine("| `Result<ApiSpec>` equality, old vs new model (stops at the first difference) | " + Ms(modelEquals) + " |");
        Console.WriteLine("| `Result<ApiSpec>` equality, two equal models (a comment-only edit: a full deep compare) | " + Ms(modelEqualsFull) + " |");
        Console.WriteLine("| emit every output (" + outputs.Count + ") | " + Ms(emitAll) + " |");
        Console.WriteLine("| emit the file of the changed type (`" + changedType[0].Name + "`, " + one.Types.Count + " types in `" + GeneratorStages.Emit(one).HintName + "`) | " + Ms(emitOne) + " |");
        CachedOutputCost.Print();
        Console.WriteLine();
        Console.WriteLine("Load average at the end: " + Machine.LoadAverage());
        return 0;
    }

    private static SpecInput Input(AdditionalText text) =>
        GeneratorStages.Input(text.Path, text.GetText()!.ToString(), "SpecClients.Generated.StripeSpec3", "StripeSpec3Client");

    private static TimeSpan Measure(Action action)
    {
        action(); // warm
        var times = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed);
        }

        return times.OrderBy(t => t).ElementAt(Repeats / 2);
    }

    private static void Print(string name, IEnumerable<IncrementalGeneratorRunStep> steps)
    {
        var list = steps.ToList();
        var elapsed = list.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ElapsedTime);
        Console.WriteLine("| " + name + " | " + list.Count + " | " + Reasons(list) + " | " + Ms(elapsed) + " |");
    }

    private static string Reasons(IEnumerable<IncrementalGeneratorRunStep> steps) =>
        string.Join(", ", steps.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count()));

    private static int Order(string step) =>
        GeneratorStages.TrackedSteps.ToList().IndexOf(step) is var index and >= 0 ? index : GeneratorStages.TrackedSteps.Count;

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString(time.TotalMilliseconds < 10 ? "F3" : "F0", CultureInfo.InvariantCulture) + " ms";
}
