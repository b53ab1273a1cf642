using System.IO;
using SpecClients.Testing;

namespace SpecClients.Package.Tests.Support;

/// <summary>The files of this repository the package tests use, under <see cref="RepositoryPaths.Root"/>.</summary>
internal static class Repository
{
    /// <summary>The folder holding Generator.sln.</summary>
    public static string Root => RepositoryPaths.Root;

    /// <summary>The project whose pack is the SpecClients package.</summary>
    public static string PackageProject => Path.Combine(Root, "src", "SpecClients.Runtime", "SpecClients.Runtime.csproj");

    /// <summary>The one copy of the props the package ships in build/ and buildTransitive/.</summary>
    public static string Props => Path.Combine(Root, "src", "SpecClients.Generator", "build", "SpecClients.props");

    /// <summary>The one copy of the targets the package ships in build/ and buildTransitive/ (the ReadyToRun generator swap).</summary>
    public static string Targets => Path.Combine(Root, "src", "SpecClients.Generator", "build", "SpecClients.targets");

    /// <summary>samples/AotSample's project.</summary>
    public static string AotSampleProject => Path.Combine(Root, "samples", "AotSample", "SpecClients.Samples.AotSample.csproj");

    /// <summary>A provider spec from specs/.</summary>
    public static string Spec(string fileName) => RepositoryPaths.Spec(fileName);
}
