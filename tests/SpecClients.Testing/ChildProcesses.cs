using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Testing;

/// <summary>
/// Processes a test starts itself (a server, a worker, an installer): found, started, locked and stopped the same way
/// everywhere.
/// </summary>
public static class ChildProcesses
{
    /// <summary>Kills <paramref name="process"/> and its children if it still runs, waits for it and disposes it.</summary>
    /// <param name="process">A process this test started.</param>
    public static async Task StopAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    /// <summary>Starts a process whose standard output and error lines are appended to <paramref name="output"/> (locked on it).</summary>
    /// <param name="start">What to start; output redirection is set here.</param>
    /// <param name="output">Where the lines go; lock on it to read it while the process runs.</param>
    /// <returns>The started process.</returns>
    public static Process StartCapturing(ProcessStartInfo start, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(output);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException(start.FileName + " did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a program to its end and throws, with its output, when it fails.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Extra environment variables, or null.</param>
    public static async Task RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(fileName + " did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', start.ArgumentList)} failed with exit code {process.ExitCode}: {await output}{await error}");
        }
    }

    /// <summary>A program's path: the first folder of the PATH, then of <paramref name="moreFolders"/>, that holds it.</summary>
    /// <param name="name">The program's file name.</param>
    /// <param name="moreFolders">Folders to look in after the PATH.</param>
    /// <returns>The path, or null when it is nowhere.</returns>
    public static string? Find(string name, params string[] moreFolders) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(moreFolders)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Takes an exclusive lock on the file at <paramref name="path"/>, waiting up to ten minutes for another test process
    /// that holds it (an installer); disposing the stream releases it.
    /// </summary>
    /// <param name="path">The lock file.</param>
    /// <returns>The open lock file.</returns>
    public static async Task<FileStream> LockFileAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, timeout.Token); // another test process holds it
            }
        }
    }

    /// <summary>A TCP port free on 127.0.0.1 just now (another process may still take it before the caller binds it).</summary>
    /// <returns>The port.</returns>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
