using System;
using System.IO;

namespace SpecClients.Generator.Reliability.Tests.Infrastructure;

/// <summary>Finds files of this repository (and the shared corpus beside it) from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Specs => Path.Combine(Root, "specs");

    public static string HostileSpecs => Path.Combine(Root, "tests", "SpecClients.Generator.Reliability.Tests", "HostileSpecs");

    /// <summary>The shared corpus of public specs beside the repository, when present.</summary>
    public static string Corpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Generator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}
