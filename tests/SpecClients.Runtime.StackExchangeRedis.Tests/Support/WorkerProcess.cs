using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using SpecClients.Testing;

namespace SpecClients.Runtime.StackExchangeRedis.Tests.Support;

/// <summary>One SpecClients.TokenCoordination.Worker process (see its Program.cs), its output lines kept as they come.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly string s_workerPath = typeof(WorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SpecClients.TokenCoordinationWorker").Value!;

    private readonly Process _process;
    private readonly List<string> _lines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _ready.TrySetException(new InvalidOperationException("The worker ended before it was ready: " + Output));
                return;
            }

            lock (_lines)
            {
                _lines.Add(e.Data);
            }

            if (e.Data == "ready")
            {
                _ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add("stderr " + e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join(Environment.NewLine, _lines);
            }
        }
    }

    /// <summary>The tokens the worker printed, in order.</summary>
    public IReadOnlyList<string> Tokens
    {
        get
        {
            lock (_lines)
            {
                return _lines.Where(l => l.StartsWith("token ", StringComparison.Ordinal)).Select(l => l["token ".Length..]).ToList();
            }
        }
    }

    public static WorkerProcess Start(string redis, Uri tokenUrl, int distinctTokens, TimeSpan lease)
    {
        if (!File.Exists(s_workerPath))
        {
            throw new InvalidOperationException("The worker is not built at " + s_workerPath);
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(s_workerPath);
        start.ArgumentList.Add(redis);
        start.ArgumentList.Add(tokenUrl.ToString());
        start.ArgumentList.Add(distinctTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(((int)lease.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The worker did not start."));
    }

    public Task WaitUntilReadyAsync() => _ready.Task.WaitAsync(TimeSpan.FromMinutes(2));

    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Flush();
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the worker to end (a generous bound: a worker that hangs fails the test instead of blocking it).</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync() => await ChildProcesses.StopAsync(_process);
}
