using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Package.Tests.Support;

/// <summary>What a finished command printed (stdout and stderr interleaved) and how it ended.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The last lines of the output, for failure messages that stay readable.</summary>
    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>A one-paragraph description for assertion messages.</summary>
    public string Describe() =>
        $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s. Last lines:\n{Tail()}";
}

/// <summary>Runs processes (the dotnet CLI, the programs it builds) with a time limit and captured output.</summary>
internal static class Command
{
    /// <summary>A generous limit for one build on a busy 2-core machine; a hang fails the test instead of CI.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(8);

    /// <summary>The dotnet host running these tests (set by the SDK), else the one on PATH.</summary>
    public static string DotNetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>.</summary>
    public static Task<CommandResult> DotNetAsync(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        RunAsync(DotNetHost, workingDirectory, arguments, environment, timeout);

    /// <summary>Runs <paramref name="fileName"/> and waits for it and its output, killing its process tree on timeout.</summary>
    public static async Task<CommandResult> RunAsync(string fileName, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Sanitize(startInfo.Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        var commandLine = Path.GetFileName(fileName) + " " + string.Join(' ', startInfo.ArgumentList);
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start " + commandLine);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` did not finish within {(timeout ?? DefaultTimeout).TotalMinutes:0.#} minutes. Output so far:\n{Snapshot(output)}");
        }

        return new CommandResult(commandLine, process.ExitCode, Snapshot(output), stopwatch.Elapsed);
    }

    /// <summary>
    /// Drops what the test run's own MSBuild leaves in the environment (MSBuildExtensionsPath, MSBuildSDKsPath,
    /// MSBUILD_EXE_PATH, ...): a child build must resolve its SDK the way a user's does. Settings of this machine such as
    /// MSBUILDDISABLENODEREUSE and UseSharedCompilation stay; builds override the latter on their command line.
    /// </summary>
    private static void Sanitize(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.Ordinal) || name == "MSBUILD_EXE_PATH" || name.StartsWith("VSTEST_", StringComparison.Ordinal))
            {
                environment.Remove(name);
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
