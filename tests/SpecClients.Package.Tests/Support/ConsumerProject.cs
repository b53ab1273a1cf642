using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Threading.Tasks;

namespace SpecClients.Package.Tests.Support;

/// <summary>
/// A brand-new console project in its own folder, as <c>dotnet new console</c> makes it, plus one PackageReference to
/// SpecClients and a nuget.config that adds the test's folder feed to the sources this machine already has.
/// </summary>
internal sealed class ConsumerProject
{
    private readonly CompilerServer _compilerServer;

    private ConsumerProject(string directory, string name, string targetFramework, CompilerServer compilerServer)
    {
        Directory = directory;
        Name = name;
        TargetFramework = targetFramework;
        _compilerServer = compilerServer;
    }

    public string Directory { get; }

    public string Name { get; }

    public string TargetFramework { get; }

    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    /// <summary>The built program.</summary>
    public string OutputAssembly => Path.Combine(Directory, "bin", "Debug", TargetFramework, Name + ".dll");

    /// <summary>
    /// Creates the project. <paramref name="properties"/> are extra MSBuild properties (the SpecClients_* options);
    /// <paramref name="items"/> is extra item XML, as a user writes it into the project file (e.g. metadata on a spec).
    /// </summary>
    public static ConsumerProject Create(string parent, string name, string targetFramework, PackedPackage package, CompilerServer compilerServer, IReadOnlyDictionary<string, string>? properties = null, string? items = null)
    {
        var directory = Path.Combine(parent, name);
        System.IO.Directory.CreateDirectory(directory);
        var project = new ConsumerProject(directory, name, targetFramework, compilerServer);

        var extra = new StringBuilder();
        foreach (var (key, value) in properties ?? new Dictionary<string, string>())
        {
            extra.Append("    <").Append(key).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(key).Append(">\n");
        }

        project.WriteFile(name + ".csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
            {extra}  </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpecClients" Version="{package.Version}" />
              </ItemGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
            </Project>

            """);

        // No <clear/>: every other package comes from the sources configured for this user and machine.
        project.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="specclients-under-test" value="{SecurityElement.Escape(package.Feed)}" />
              </packageSources>
            </configuration>

            """);
        return project;
    }

    public void WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
    }

    /// <summary>Copies a provider spec from the repository's specs/ into <paramref name="folder"/> of the project, as a user drops one in.</summary>
    public void DropSpec(string specFileName, string folder = "specs")
    {
        var target = Path.Combine(Directory, folder, specFileName);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Repository.Spec(specFileName), target, overwrite: true);
    }

    /// <summary>
    /// <c>dotnet build</c> with the compiler server on (what users get by default; this machine's environment turns it
    /// off). The Import* switches only shield the project from Directory.Build.* / Directory.Packages.props files that
    /// may lie in the temp folder's parents: the project itself stays as a user's would be. <paramref name="extraArguments"/>
    /// go after them (e.g. an MSBuild property a user would set).
    /// </summary>
    public Task<CommandResult> BuildAsync(params string[] extraArguments) =>
        Command.DotNetAsync(Directory,
        [
            "build", ProjectFile,
            "-v:n",
            "-nodeReuse:false",
            .. _compilerServer.BuildArguments,
            "-p:ImportDirectoryBuildProps=false",
            "-p:ImportDirectoryBuildTargets=false",
            "-p:ImportDirectoryPackagesProps=false",
            .. extraArguments,
        ]);

    /// <summary>
    /// Runs the built program. Without a runtime of the program's major version (no .NET 8 runtime here), it rolls
    /// forward to the newest installed one (DOTNET_ROLL_FORWARD=Major); with one, that one is used.
    /// </summary>
    public Task<CommandResult> RunAsync(params string[] arguments) =>
        Command.DotNetAsync(Directory, new[] { OutputAssembly }.Concat(arguments),
            new Dictionary<string, string?> { ["DOTNET_ROLL_FORWARD"] = "Major" },
            TimeSpan.FromMinutes(2));
}
