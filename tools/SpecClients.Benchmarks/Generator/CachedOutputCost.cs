using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpecClients.Benchmarks.Generator;

/// <summary>
/// The compiler's own cost of a re-run in which every output is cached, against the number of generated files: a
/// trivial generator adds one tiny file per item, or groups the same items into 64 files. Part of the
/// <c>incremental</c> report; it shows why Stripe's ~2,000 cached files cannot be re-added in under 1 ms.
/// </summary>
internal static class CachedOutputCost
{
    public static void Print()
    {
        var compilation = CSharpCompilation.Create("c", new[] { CSharpSyntaxTree.ParseText("class A { }") });
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }"));
        Rerun(compilation, edited, 4000, 0);
        Rerun(compilation, edited, 4000, 64); // JIT out of the way
        Console.WriteLine();
        Console.WriteLine("Roslyn " + typeof(GeneratorDriver).Assembly.GetName().Version + ": re-run after an unrelated edit, every output cached (minimum of 25)");
        Console.WriteLine("| items | one file per item | the same items in 64 files |");
        Console.WriteLine("|---:|---:|---:|");
        foreach (var n in new[] { 250, 500, 1000, 2000, 4000, 8000 })
        {
            Console.WriteLine("| " + n + " | " + Ms(Rerun(compilation, edited, n, 0)) + " | " + Ms(Rerun(compilation, edited, n, 64)) + " |");
        }
    }

    private static double Rerun(Compilation compilation, Compilation edited, int items, int files)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new ManyFiles(items, files).AsSourceGenerator() }, parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12));
        driver = driver.RunGenerators(compilation);
        var best = double.MaxValue;
        for (var i = 0; i < 25; i++)
        {
            var watch = Stopwatch.StartNew();
            driver.RunGenerators(edited);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture) + " ms";

    private sealed class ManyFiles : IIncrementalGenerator
    {
        private readonly int _items;
        private readonly int _files;

        public ManyFiles(int items, int files)
        {
            _items = items;
            _files = files;
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var count = _items;
            var files = _files;
            var items = context.CompilationProvider
                .Select(static (c, _) => c.AssemblyName ?? string.Empty)
                .SelectMany((_, _) => Enumerable.Range(0, count).Select(i => "stripe-spec3.GeneratedTypeName" + i.ToString("D5", CultureInfo.InvariantCulture)));
            if (files == 0)
            {
                context.RegisterSourceOutput(items, static (production, name) => production.AddSource(name + ".g.cs", "// " + name));
                return;
            }

            var grouped = items.Collect().SelectMany((all, _) => all
                .GroupBy(name => (int)((uint)StringComparer.Ordinal.GetHashCode(name) % (uint)files))
                .Select(g => (Index: g.Key, Names: string.Join(",", g))));
            context.RegisterSourceOutput(grouped, static (production, group) =>
                production.AddSource("stripe-spec3.Types" + group.Index.ToString("D2", CultureInfo.InvariantCulture) + ".g.cs", "// " + group.Names.Length.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
