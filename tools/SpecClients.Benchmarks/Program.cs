using System;
using System.Linq;
using BenchmarkDotNet.Running;
using SpecClients.Benchmarks.Generator;
using SpecClients.Benchmarks.Scale;

namespace SpecClients.Benchmarks;

/// <summary>
/// BenchmarkDotNet suites (<c>-- --filter '*Generator*'</c> etc.), or one of the reports:
/// <c>scale</c> (the 13 corpus documents, table and SVG into docs/), <c>compile-cost</c> (compiling the generated
/// code), <c>incremental</c> (where the time of a Stripe schema edit goes). See docs/performance.md.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "scale":
                return ScaleReport.Run(args.Skip(1).ToArray());
            case "scale-one":
                return ScaleReport.RunOne(args[1]);
            case "compile-cost":
                return CompileCostReport.Run(args.Skip(1).ToArray());
            case "incremental":
                return IncrementalReport.Run(args.Skip(1).ToArray());
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
