using System;
using System.IO;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>Finds files of this repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Specs => Path.Combine(Root, "specs");

    public static string Spec(string fileName) => Path.Combine(Specs, fileName);

    public static string TestProject => Path.Combine(Root, "tests", "SpecClients.Generator.Tests");

    /// <summary>The shared folder beside the repository (corpus, seeds), when present.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

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
