using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Package.Tests.Support;
using Xunit;

namespace SpecClients.Package.Tests;

/// <summary>
/// The tests of this assembly share one private work folder, one compiler server pipe and (packed on first use, once)
/// one SpecClients package with a version no other run uses, <c>0.1.0-test.&lt;UTC time&gt;.&lt;pid&gt;</c>: a
/// consumer can never pick up a copy of an earlier pack already extracted in the global packages folder. Disposal
/// stops the compiler server, deletes the work folder and that version's extracted copy.
/// Set SPECCLIENTS_KEEP_TEST_FILES=1 to keep the work folder for a look.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _packLock = new(1, 1);
    private PackedPackage? _package;
    private Exception? _packFailure;

    public PackageFixture()
    {
        var now = DateTime.UtcNow;
        Version = "0.1.0-test." + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        WorkRoot = Path.Combine(Path.GetTempPath(), "specclients-package-tests", now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(WorkRoot);
    }

    /// <summary>The version packed by this run.</summary>
    public string Version { get; }

    /// <summary>This run's private folder: the feed, the pack's build output, the consumer projects.</summary>
    public string WorkRoot { get; }

    /// <summary>The folder feed the package is packed into.</summary>
    public string Feed => Path.Combine(WorkRoot, "feed");

    /// <summary>The compiler server every build of this run uses.</summary>
    internal CompilerServer CompilerServer { get; } = new();

    /// <summary>Packs src/SpecClients.Runtime (the SpecClients package) on first call; later calls return the same package.</summary>
    internal async Task<PackedPackage> PackAsync()
    {
        await _packLock.WaitAsync();
        try
        {
            if (_package is not null)
            {
                return _package;
            }

            // A failed pack fails every test that needs it, without packing again (about half a minute each).
            if (_packFailure is not null)
            {
                throw new InvalidOperationException("The package could not be packed (see the first failing test): " + _packFailure.Message, _packFailure);
            }

            // --artifacts-path keeps the pack's restore, obj and bin out of the repository's folders, which other builds
            // (the solution build that runs these tests, other engineers) use at the same time.
            var result = await Command.DotNetAsync(Repository.Root,
            [
                "pack", Repository.PackageProject,
                "-c", "Release",
                "-o", Feed,
                "--artifacts-path", Path.Combine(WorkRoot, "pack-artifacts"),
                "-p:Version=" + Version,
                "-nodeReuse:false",
            ]);
            var nupkg = Path.Combine(Feed, "SpecClients." + Version + ".nupkg");
            if (result.ExitCode != 0)
            {
                _packFailure = new InvalidOperationException("dotnet pack failed: " + result.Describe());
                throw _packFailure;
            }

            if (!File.Exists(nupkg))
            {
                var feed = Directory.Exists(Feed) ? string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName)) : "nothing";
                _packFailure = new InvalidOperationException($"dotnet pack did not produce {nupkg}; the feed holds {feed}.");
                throw _packFailure;
            }

            _package = new PackedPackage(nupkg, Version, Feed, result);
            return _package;
        }
        finally
        {
            _packLock.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        CompilerServer.Stop();
        if (_package is not null)
        {
            await RemoveExtractedCopyAsync();
        }

        if (Environment.GetEnvironmentVariable("SPECCLIENTS_KEEP_TEST_FILES") != "1")
        {
            TryDelete(WorkRoot);
            var parent = Path.GetDirectoryName(WorkRoot)!;
            if (Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
            {
                TryDelete(parent);
            }
        }

        _packLock.Dispose();
    }

    /// <summary>Deletes this run's version from the global packages folder, where restoring the consumers put it.</summary>
    private async Task RemoveExtractedCopyAsync()
    {
        var result = await Command.DotNetAsync(WorkRoot, ["nuget", "locals", "global-packages", "--list"], timeout: TimeSpan.FromMinutes(1));
        var line = result.Output.Split('\n').FirstOrDefault(l => l.Contains("global-packages:", StringComparison.Ordinal));
        if (result.ExitCode != 0 || line is null)
        {
            return;
        }

        var folder = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        var packageFolder = Path.Combine(folder, "specclients");
        TryDelete(Path.Combine(packageFolder, Version.ToLowerInvariant()));
        if (Directory.Exists(packageFolder) && !Directory.EnumerateFileSystemEntries(packageFolder).Any())
        {
            TryDelete(packageFolder);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is not a test failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The packed .nupkg and how it was made.</summary>
internal sealed record PackedPackage(string Path, string Version, string Feed, CommandResult Pack);

/// <summary>All tests here build with dotnet and share the fixture; they run one at a time (2-core machine).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Package";
}
