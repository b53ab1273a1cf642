using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SpecClients.Benchmarks.Infrastructure;

/// <summary>
/// BenchmarkDotNet's short run (3 warm-up and 3 measured iterations, one launch), in process, with the memory
/// diagnoser. In process because the default toolchain rebuilds this project (and so re-runs the generator on the
/// PayPal corpus spec) for every benchmark class; the short job keeps each suite within minutes on two busy cores.
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
