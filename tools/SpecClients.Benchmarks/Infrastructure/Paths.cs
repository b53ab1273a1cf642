using System;
using System.IO;

namespace SpecClients.Benchmarks.Infrastructure;

/// <summary>Files of this repository and the shared corpus beside it, found from the program's folder.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Docs => Path.Combine(Root, "docs");

    public static string Spec(string fileName) => Path.Combine(Root, "specs", fileName);

    public static string[] ProviderSpecs => new[] { "faspay-sendme.yaml", "fincart.yaml", "fincode.yaml", "kitegateway.yaml", "torus.yaml" };

    public static string Corpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    public static string CorpusSpec(string fileName)
    {
        var path = Path.Combine(Corpus, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException("Corpus spec not found (the shared corpus sits beside the repository).", path);
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var directory = new DirectoryInfo(start);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Generator.sln")))
            {
                directory = directory.Parent;
            }

            if (directory is not null)
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}
