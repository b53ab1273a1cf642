using System;
using System.Diagnostics;
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
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return;
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
    }
}
