using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Package.Tests.Support;
using SpecClients.Samples.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Package.Tests;

/// <summary>
/// samples/AotSample published the two ways that remove the JIT's safety net: trimmed (ILLink's whole-program
/// analysis, IL2xxx) and NativeAOT (ILC, IL2xxx and IL3xxx). Either way the publish output must hold no trim or AOT
/// warning, and the published program must obtain tokens and call authenticated operations against the sandbox.
/// The NativeAOT publish runs in every test run (CI included): it is the claim users rely on. The trimmed publish, whose
/// analysis ILC repeats, runs only with SPECCLIENTS_RUN_AOT=1.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "Aot")]
public sealed class AotSampleTests
{
    private readonly PackageFixture _fixture;
    private readonly ITestOutputHelper _output;

    public AotSampleTests(PackageFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private static string RuntimeIdentifier =>
        (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" +
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    [AotFact]
    public async Task TrimmedPublishHasNoTrimWarningsAndRunsBothTokenFlows()
    {
        var publish = await PublishAsync("trimmed", ["-p:AotSampleTrimmedOnly=true"]);
        File.Exists(Path.Combine(publish, "SpecClients.Samples.AotSample.dll")).ShouldBeTrue("a trimmed app still has its IL");
        await RunAgainstTheSandboxAsync(Path.Combine(publish, Executable("SpecClients.Samples.AotSample")));
    }

    [Fact]
    public async Task NativeAotPublishHasNoTrimOrAotWarningsAndTheNativeBinaryRunsBothTokenFlows()
    {
        var publish = await PublishAsync("native", CppCompilerArguments());
        File.Exists(Path.Combine(publish, "SpecClients.Samples.AotSample.dll")).ShouldBeFalse("NativeAOT output has no IL assembly");
        var binary = Path.Combine(publish, Executable("SpecClients.Samples.AotSample"));
        if (OperatingSystem.IsLinux())
        {
            (await File.ReadAllBytesAsync(binary)).Take(4).ToArray().ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' });
        }

        await RunAgainstTheSandboxAsync(binary);
    }

    /// <summary>Publishes the sample into this run's work folder and fails on any trim/AOT diagnostic or other warning.</summary>
    private async Task<string> PublishAsync(string kind, IEnumerable<string> extraArguments)
    {
        var output = Path.Combine(_fixture.WorkRoot, "aot-" + kind, "publish");
        var result = await Command.DotNetAsync(Repository.Root,
        [
            "publish", Repository.AotSampleProject,
            "-c", "Release",
            "-r", RuntimeIdentifier,
            "-o", output,
            "--artifacts-path", Path.Combine(_fixture.WorkRoot, "aot-" + kind, "artifacts"),
            "-nodeReuse:false",
            .. extraArguments,
        ]);
        _output.WriteLine($"publish ({kind}): {result.Elapsed.TotalSeconds:0.0} s, exit {result.ExitCode}");

        var trimAndAot = BuildOutput.TrimAndAotDiagnostics(result.Output);
        foreach (var diagnostic in trimAndAot)
        {
            _output.WriteLine(diagnostic.Line);
        }

        if (result.Output.Contains("Microsoft.NETCore.App.Runtime.NativeAOT", StringComparison.Ordinal) && result.Output.Contains("NU1101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "NativeAOT needs the package Microsoft.NETCore.App.Runtime.NativeAOT." + RuntimeIdentifier + " (with .NET 10 the ILCompiler packages no " +
                "longer carry the runtime), and no configured NuGet source has it. " + result.Describe());
        }

        trimAndAot.Select(d => d.Line).ShouldBeEmpty("trim/AOT warnings in the publish output");
        result.ExitCode.ShouldBe(0, result.Describe());
        BuildOutput.UnexpectedDiagnostics(result.Output).ShouldBeEmpty("warnings in the publish output");
        return output;
    }

    private async Task RunAgainstTheSandboxAsync(string program)
    {
        File.Exists(program).ShouldBeTrue(program);
        await using var sandbox = await ProviderSandbox.StartAsync(new SandboxOptions());
        var run = await Command.RunAsync(program, Path.GetDirectoryName(program)!, [sandbox.BaseAddress.AbsoluteUri], timeout: TimeSpan.FromMinutes(2));
        _output.WriteLine(run.Output);

        run.ExitCode.ShouldBe(0, run.Describe());
        run.Output.ShouldContain("kitegateway: token obtained (", Case.Sensitive, run.Describe());
        run.Output.ShouldContain("send-callback success", Case.Sensitive, run.Describe());
        run.Output.ShouldContain("kitegateway: built-in retries 0, standard resilience handler", Case.Sensitive, run.Describe());
        run.Output.ShouldContain("torus: token obtained (", Case.Sensitive, run.Describe());
        run.Output.ShouldContain("funds success", Case.Sensitive, run.Describe());
        run.Output.ShouldContain("aot sample: OK", Case.Sensitive, run.Describe());
        sandbox.Counters.Kitegateway.TokensIssued.ShouldBe(1);
        sandbox.Counters.Kitegateway.CallsAccepted.ShouldBe(1);
        sandbox.Counters.Torus.TokensIssued.ShouldBe(1);
        sandbox.Counters.Torus.CallsAccepted.ShouldBe(1);
    }

    private static string Executable(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;

    /// <summary>NativeAOT links with <c>clang</c>; where only a versioned one is installed (Debian: clang-14), name it.</summary>
    private static string[] CppCompilerArguments()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (path.Any(d => File.Exists(Path.Combine(d, "clang"))))
        {
            return [];
        }

        var versioned = path.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "clang-*"))
            .Select(Path.GetFileName)
            .Where(n => n is not null && int.TryParse(n["clang-".Length..], out _))
            .OrderByDescending(n => int.Parse(n!["clang-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return versioned is null ? [] : ["-p:CppCompilerAndLinker=" + versioned];
    }
}

/// <summary>
/// A fact that runs only with SPECCLIENTS_RUN_AOT=1: the trimmed publish, a second Release build of the generator,
/// the runtime and the sample plus ILLink, which adds minutes in CI while proving nothing the NativeAOT publish (ILC
/// runs the same trim analysis, and the AOT analysis besides) does not.
/// </summary>
public sealed class AotFactAttribute : FactAttribute
{
    public AotFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SPECCLIENTS_RUN_AOT") != "1")
        {
            Skip = "Publishing takes minutes: set SPECCLIENTS_RUN_AOT=1 to run it.";
        }
    }
}
