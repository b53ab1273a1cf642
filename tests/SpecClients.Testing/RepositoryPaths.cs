using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SpecClients.Testing;

/// <summary>Files of this repository, and of the shared folder beside it, found from wherever the tests run.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding <c>Generator.sln</c>.</summary>
    public static string Root => s_root.Value;

    /// <summary>The provider specs, <c>specs/</c>.</summary>
    public static string Specs => Path.Combine(Root, "specs");

    /// <summary>The shared folder beside the repository (corpus, seeds), when present.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The corpus of public OpenAPI documents in the shared folder, when present.</summary>
    public static string Corpus => Path.Combine(Shared, "corpus");

    /// <summary>A provider spec from <c>specs/</c>.</summary>
    /// <param name="fileName">The spec's file name, e.g. <c>fincode.yaml</c>.</param>
    public static string Spec(string fileName) => Path.Combine(Specs, fileName);

    /// <summary>A test project's folder, e.g. <c>tests/SpecClients.Generator.Tests</c>.</summary>
    /// <param name="projectName">The project's name.</param>
    public static string TestProject(string projectName) => Path.Combine(Root, "tests", projectName);

    private static string FindRoot()
    {
        // Recorded at build time (SpecClients.Testing.csproj), so it holds whatever the output folder; the walk up from
        // the output folder is the fallback for a build that moved.
        var recorded = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
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
    }
}
