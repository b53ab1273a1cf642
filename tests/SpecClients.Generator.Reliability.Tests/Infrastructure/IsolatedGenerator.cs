using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Generator.Reliability.Tests.Infrastructure;

/// <summary>
/// Runs the generator in a worker process (this test assembly started with <see cref="WorkerProgram.Argument"/>), one
/// case at a time. A stack overflow or a hang in the generator ends or is ended with the worker, is reported as that
/// case's <see cref="CaseResult.Crash"/> or <see cref="CaseResult.Hang"/>, and the next case gets a new worker: the
/// test run itself never dies with the generator.
/// </summary>
internal static class IsolatedGenerator
{
    private static readonly object s_gate = new();
    private static Worker? s_worker;

    public static int WorkersStarted { get; private set; }

    public static CaseResult Run(CaseRequest request)
    {
        lock (s_gate)
        {
            s_worker ??= Worker.Start();
            var result = s_worker.Send(request, TimeSpan.FromMilliseconds(request.TimeoutMs) + TimeSpan.FromSeconds(30));
            if (result.Crash is not null || result.Hang)
            {
                // A crashed worker is gone; a hung one may still be burning a core: replace both.
                s_worker.Dispose();
                s_worker = null;
            }

            return result;
        }
    }

    private sealed class Worker : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stderr = new();

        private Worker(Process process)
        {
            _process = process;
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_stderr)
                    {
                        if (_stderr.Length < 64 * 1024)
                        {
                            _stderr.AppendLine(e.Data);
                        }
                    }
                }
            };
            _process.BeginErrorReadLine();
        }

        public static Worker Start()
        {
            var assembly = typeof(WorkerProgram).Assembly.Location;
            var directory = Path.GetDirectoryName(assembly)!;
            var name = Path.GetFileNameWithoutExtension(assembly);
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardInputEncoding = new UTF8Encoding(false),
                StandardOutputEncoding = new UTF8Encoding(false),
                WorkingDirectory = directory,
            };
            foreach (var argument in new[] { "exec", "--runtimeconfig", Path.Combine(directory, name + ".runtimeconfig.json"), "--depsfile", Path.Combine(directory, name + ".deps.json"), assembly, WorkerProgram.Argument })
            {
                start.ArgumentList.Add(argument);
            }

            // Keep the worker's dumps and telemetry quiet; a crash is expected to be reported, not collected.
            start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            WorkersStarted++;
            return new Worker(Process.Start(start)!);
        }

        public CaseResult Send(CaseRequest request, TimeSpan limit)
        {
            var stopwatch = Stopwatch.StartNew();
            try
            {
                _process.StandardInput.WriteLine(JsonSerializer.Serialize(request));
                _process.StandardInput.Flush();
            }
            catch (IOException)
            {
                return Crashed(request, stopwatch);
            }

            var read = Task.Run(ReadResult);
            if (!read.Wait(limit))
            {
                return new CaseResult { Id = request.Id, Hang = true, ElapsedMs = stopwatch.Elapsed.TotalMilliseconds };
            }

            return read.Result is { } line
                ? JsonSerializer.Deserialize<CaseResult>(line.Substring(WorkerProgram.ResultPrefix.Length))!
                : Crashed(request, stopwatch);
        }

        private string? ReadResult()
        {
            string? line;
            while ((line = _process.StandardOutput.ReadLine()) is not null)
            {
                if (line.StartsWith(WorkerProgram.ResultPrefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            return null;
        }

        private CaseResult Crashed(CaseRequest request, Stopwatch stopwatch)
        {
            _process.WaitForExit(10_000);
            string stderr;
            lock (_stderr)
            {
                stderr = _stderr.ToString();
            }

            return new CaseResult
            {
                Id = request.Id,
                Crash = "worker exited with code " + (_process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?") + ": " + Summarize(stderr),
                ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
            };
        }

        /// <summary>The first lines and the distinct SpecClients frames of a crash's stack trace.</summary>
        private static string Summarize(string stderr)
        {
            var lines = stderr.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            var head = lines.Take(2);
            var frames = lines.Where(l => l.Contains("SpecClients.Generator", StringComparison.Ordinal)).Distinct().Take(6);
            return string.Join(" | ", head.Concat(frames));
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
        }
    }
}
