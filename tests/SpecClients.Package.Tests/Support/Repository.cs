using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SpecClients.Package.Tests.Support;

/// <summary>Paths in this repository, found from the test assembly's location.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var recorded = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SpecClients.RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Generator.sln")))
        {
            return Path.GetFullPath(recorded);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The folder holding Generator.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The project whose pack is the SpecClients package.</summary>
    public static string PackageProject => Path.Combine(Root, "src", "SpecClients.Runtime", "SpecClients.Runtime.csproj");

    /// <summary>The one copy of the props the package ships in build/ and buildTransitive/.</summary>
    public static string Props => Path.Combine(Root, "src", "SpecClients.Generator", "build", "SpecClients.props");

    /// <summary>samples/AotSample's project.</summary>
    public static string AotSampleProject => Path.Combine(Root, "samples", "AotSample", "SpecClients.Samples.AotSample.csproj");

    /// <summary>A provider spec from specs/.</summary>
    public static string Spec(string fileName) => Path.Combine(Root, "specs", fileName);
}
