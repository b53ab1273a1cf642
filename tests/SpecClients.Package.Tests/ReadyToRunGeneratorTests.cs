using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Package.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Package.Tests;

/// <summary>
/// Which copy of the generator the compiler gets from the package (build/SpecClients.targets): the ReadyToRun images
/// on the .NET SDK on linux-x64, the portable IL builds everywhere else and when a project opts out; either way the
/// generator runs (the program only compiles if the client was generated).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class ReadyToRunGeneratorTests
{
    private const string ReadyToRunFolder = "readytorun/linux-x64/";
    private const string PortableFolder = "analyzers/dotnet/cs/";

    private static readonly string[] GeneratorFiles = ["Microsoft.OpenApi.dll", "SpecClients.Generator.dll", "YamlDotNet.dll"];

    private readonly PackageFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ReadyToRunGeneratorTests(PackageFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task CompilerGetsTheReadyToRunGeneratorOnLinuxX64AndThePortableOneWhenTheProjectOptsOut()
    {
        var package = await _fixture.PackAsync();
        var consumer = ConsumerProject.Create(Path.Combine(_fixture.WorkRoot, "consumers"), "ReadyToRunConsumer", "net10.0", package, _fixture.CompilerServer);
        consumer.DropSpec("kitegateway.yaml");
        consumer.WriteFile("Program.cs", """
            Console.WriteLine(typeof(ReadyToRunConsumer.Kitegateway.KitegatewayClient).FullName);

            """);

        // The SDK's own runtime identifier decides, as the targets do (NETCoreSdkRuntimeIdentifier); these tests run on it.
        var expected = RuntimeInformation.RuntimeIdentifier == "linux-x64" ? ReadyToRunFolder : PortableFolder;
        var byDefault = await BuildAsync(consumer, package);
        GeneratorAnalyzers(byDefault.Output, package).ShouldBe(GeneratorFiles.Select(f => expected + f), ignoreOrder: true, byDefault.Tail());

        var optedOut = await BuildAsync(consumer, package, "--no-incremental", "-p:SpecClients_ReadyToRun=false");
        GeneratorAnalyzers(optedOut.Output, package).ShouldBe(GeneratorFiles.Select(f => PortableFolder + f), ignoreOrder: true, optedOut.Tail());
    }

    private async Task<CommandResult> BuildAsync(ConsumerProject consumer, PackedPackage package, params string[] arguments)
    {
        var build = await consumer.BuildAsync(arguments);
        _output.WriteLine($"build {consumer.Name} {string.Join(' ', arguments)}: {build.Elapsed.TotalSeconds:0.0} s, exit {build.ExitCode} ({package.Version})");
        BuildOutput.Diagnostics(build.Output).Where(d => BuildOutput.GeneratorLoadFailures.Contains(d.Code)).Select(d => d.Line)
            .ShouldBeEmpty("the generator did not load or run in the compiler");
        build.ExitCode.ShouldBe(0, build.Describe());
        BuildOutput.UnexpectedDiagnostics(build.Output).ShouldBeEmpty("a user's build should be clean");
        return build;
    }

    /// <summary>The /analyzer: arguments of the compiler command line that come from this package, relative to its folder.</summary>
    private static IReadOnlyList<string> GeneratorAnalyzers(string output, PackedPackage package)
    {
        var packageFolder = "/specclients/" + package.Version.ToLowerInvariant() + "/";
        return AnalyzerArgument().Matches(output)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(path => path.Contains(packageFolder, StringComparison.OrdinalIgnoreCase))
            .Select(path => path[(path.IndexOf(packageFolder, StringComparison.OrdinalIgnoreCase) + packageFolder.Length)..])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"/analyzer:(?<path>[^\s""]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AnalyzerArgument();
}
