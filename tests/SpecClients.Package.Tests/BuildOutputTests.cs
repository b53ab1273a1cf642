using System.Linq;
using Shouldly;
using SpecClients.Package.Tests.Support;
using Xunit;

namespace SpecClients.Package.Tests;

/// <summary>The reader the package tests rely on to notice a generator that did not load: it must see these lines.</summary>
public sealed class BuildOutputTests
{
    private const string Output = """
          Determining projects to restore...
             1>CSC : warning CS8784: Generator 'SpecClientsGenerator' failed to initialize. It will not contribute to the output and compilation errors may occur as a result. Exception was of type 'FileNotFoundException' with message 'Could not load file or assembly 'YamlDotNet, Version=16.0.0.0'.' [/tmp/c/c.csproj]
        CSC : warning CS8785: Generator 'SpecClientsGenerator' failed to generate source. It will not contribute to the output and compilation errors may occur as a result. [/tmp/c/c.csproj]
        CSC : warning AD0001: Analyzer 'SomeAnalyzer' threw an exception of type 'System.IO.FileNotFoundException' with message 'x'. [/tmp/c/c.csproj]
        /tmp/c/specs/kitegateway.yaml(1,1): error SPC900: Spec '/tmp/c/specs/kitegateway.yaml' could not be processed (FileNotFoundException: Could not load file or assembly 'YamlDotNet'. [/tmp/c/c.csproj]
        /tmp/c/Program.cs(3,7): error CS0246: The type or namespace name 'Kitegateway' could not be found [/tmp/c/c.csproj]
        /tmp/c/c.csproj : warning NU1903: Package 'X' 1.0.0 has a known high severity vulnerability
        CSC : warning CS8785: Generator 'SpecClientsGenerator' failed to generate source. It will not contribute to the output and compilation errors may occur as a result. [/tmp/c/c.csproj]
          /usr/share/dotnet/sdk/10.0.401/Roslyn/bincore/csc /noconfig /nowarn:1701,1702 /warnaserror+:NU1605,SYSLIB0011 /errorreport:prompt
          CompilerServer: server - server processed compilation - c (net10.0)
            0 Warning(s)
            2 Error(s)
        """;

    [Fact]
    public void SeesEveryKindOfGeneratorLoadFailureOnce()
    {
        var failures = BuildOutput.Diagnostics(Output).Where(d => BuildOutput.GeneratorLoadFailures.Contains(d.Code)).Select(d => d.Code).ToArray();

        failures.ShouldBe(new[] { "CS8784", "CS8785", "AD0001", "SPC900" });
    }

    [Fact]
    public void ToleratesOnlyMachineWarningsAndNeverErrors()
    {
        var unexpected = BuildOutput.UnexpectedDiagnostics(Output);

        unexpected.Count.ShouldBe(5);
        unexpected.ShouldNotContain(line => line.Contains("NU1903"));
        unexpected.ShouldContain(line => line.Contains("error CS0246"));
    }

    [Fact]
    public void TellsTrimAndAotWarningsApart()
    {
        const string publish = """
            /src/Program.cs(12,5): warning IL2026: Using member 'System.Text.Json.JsonSerializer.Serialize<TValue>(TValue, JsonSerializerOptions)' which has 'RequiresUnreferencedCodeAttribute' can break functionality when trimming application code. [/src/App.csproj]
            ILC : AOT analysis warning IL3050: Program.<Main>$(String[]): Using member 'X' which has 'RequiresDynamicCodeAttribute' can break functionality when AOT compiling. [/src/App.csproj]
            /src/Program.cs(3,1): warning CS0168: The variable 'e' is declared but never used [/src/App.csproj]
            """;

        BuildOutput.TrimAndAotDiagnostics(publish).Select(d => d.Code).ShouldBe(new[] { "IL2026", "IL3050" });
    }
}
