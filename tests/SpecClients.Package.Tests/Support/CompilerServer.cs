using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SpecClients.Package.Tests.Support;

/// <summary>
/// The compiler server (VBCSCompiler) that these tests' builds start. Builds get their own pipe name
/// (<c>-p:SharedCompilationId=…</c>), so they start a fresh server that loads the packed generator the way a user's
/// first build does, never one some other build left running, and so the test can stop exactly the server it started.
/// </summary>
internal sealed class CompilerServer
{
    public CompilerServer() => PipeName = "specclients-pkgtests-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The pipe name, passed to builds as SharedCompilationId.</summary>
    public string PipeName { get; }

    /// <summary>The MSBuild arguments that turn the compiler server on with this pipe (this machine sets UseSharedCompilation=false).</summary>
    public string[] BuildArguments => ["-p:UseSharedCompilation=true", "-p:SharedCompilationId=" + PipeName];

    /// <summary>Ends the server process started with this pipe name, if any (Linux: found through /proc); elsewhere it exits after its idle timeout.</summary>
    public void Stop()
    {
        foreach (var pid in ProcessIds())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>
    /// The files the running server has mapped into memory (Linux, from /proc/&lt;pid&gt;/maps): an assembly loaded by
    /// path is mapped, one loaded from a copy in memory is not. Empty when no server of this pipe runs or not on Linux.
    /// </summary>
    public IReadOnlyList<string> MappedFiles()
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pid in ProcessIds())
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "maps"));
            }
            catch (IOException)
            {
                continue;
            }

            // "address perms offset dev inode path": the path is the sixth field, when there is one.
            foreach (var line in lines)
            {
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (fields.Length == 6 && fields[5].StartsWith('/'))
                {
                    files.Add(fields[5]);
                }
            }
        }

        return files.ToList();
    }

    /// <summary>The server processes started with this pipe name (Linux: found through /proc; elsewhere none).</summary>
    private IEnumerable<int> ProcessIds()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Contains("VBCSCompiler", StringComparison.Ordinal) &&
                commandLine.Split(' ').Contains("-pipename:" + PipeName, StringComparer.Ordinal))
            {
                yield return pid;
            }
        }
    }
}
