using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SpecClients.Generator.Reliability.Tests.Infrastructure;

/// <summary>One spec to run the generator on, sent to the worker process.</summary>
public sealed record CaseRequest(string Id, string SpecPath, string? Text, string? TextFile, int TimeoutMs, bool Compile = true);

/// <summary>A diagnostic, reduced to what the checks need (it crosses a process boundary).</summary>
public sealed record DiagnosticRecord(string Id, string Severity, string Message, string Path, int Line, int Column, string? SourceLine = null)
{
    public bool IsError => Severity == "Error";

    public override string ToString() => $"{Path}({Line + 1},{Column + 1}): {Severity} {Id}: {Message}" + (SourceLine is null ? string.Empty : " | " + SourceLine);
}

/// <summary>What one generator run did: never an exception, always a result.</summary>
public sealed record CaseResult
{
    public string Id { get; init; } = string.Empty;

    /// <summary>The run did not finish within its time limit.</summary>
    public bool Hang { get; init; }

    /// <summary>The worker process died during the run (a stack overflow, say): the compiler would have died too.</summary>
    public string? Crash { get; init; }

    /// <summary>Where a hang happened: <c>generator</c> or <c>compile</c> (of the generated code).</summary>
    public string? HangPhase { get; init; }

    public double ElapsedMs { get; init; }

    /// <summary>Time in the generator (the driver run).</summary>
    public double GeneratorMs { get; init; }

    /// <summary>Time compiling the generated code, when it was compiled.</summary>
    public double CompileMs { get; init; }

    /// <summary>An exception the generator let escape (the driver turns it into CS8785).</summary>
    public string? Exception { get; init; }

    /// <summary>CS8784/CS8785 reported by the driver.</summary>
    public List<DiagnosticRecord> DriverFailures { get; init; } = new();

    /// <summary>The SPC diagnostics reported.</summary>
    public List<DiagnosticRecord> Diagnostics { get; init; } = new();

    public int SourceCount { get; init; }

    /// <summary>Whether the output was compiled (only when no SPC error was reported).</summary>
    public bool Compiled { get; init; }

    /// <summary>An identical output (comments aside) had compiled cleanly before, so it was not compiled again.</summary>
    public bool CompileCached { get; init; }

    /// <summary>Errors compiling the generated code.</summary>
    public List<DiagnosticRecord> CompileErrors { get; init; } = new();

    public bool HasSpcError => Diagnostics.Any(d => d.IsError);

    public bool HasInternalError => Diagnostics.Any(d => d.Id == "SPC900");

    /// <summary>Whether the run broke a reliability rule: a crash, a hang, an escaped exception, SPC900, or generated code that does not compile.</summary>
    public bool IsFailure => Crash is not null || Hang || Exception is not null || DriverFailures.Count > 0 || HasInternalError || CompileErrors.Count > 0;

    /// <summary>One word for tallies: the failure kind, else the error ids, else <c>warn:ids</c>, else <c>clean</c>.</summary>
    public string Classification =>
        Crash is not null ? "CRASH"
        : Hang ? "HANG"
        : Exception is not null || DriverFailures.Count > 0 ? "EXCEPTION"
        : HasInternalError ? "SPC900"
        : CompileErrors.Count > 0 ? "COMPILE-ERROR"
        : HasSpcError ? string.Join("+", Diagnostics.Where(d => d.IsError).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal))
        : Diagnostics.Count == 0 ? "clean"
        : "warn:" + string.Join("+", Diagnostics.Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal));

    public string Describe()
    {
        var text = new StringBuilder(Classification).Append(HangPhase is null ? string.Empty : " (in the " + HangPhase + ")")
            .Append(" in ").Append(ElapsedMs.ToString("F0", CultureInfo.InvariantCulture)).Append(" ms (generator ")
            .Append(GeneratorMs.ToString("F0", CultureInfo.InvariantCulture)).Append(" ms, compile ").Append(CompileMs.ToString("F0", CultureInfo.InvariantCulture)).Append(" ms)");
        if (Crash is not null)
        {
            text.Append("\n  crash: ").Append(Crash);
        }

        if (Exception is not null)
        {
            text.Append("\n  exception: ").Append(Exception);
        }

        foreach (var diagnostic in DriverFailures.Concat(Diagnostics).Take(12))
        {
            text.Append("\n  ").Append(diagnostic);
        }

        foreach (var error in CompileErrors.Take(12))
        {
            text.Append("\n  compile: ").Append(error);
        }

        return text.ToString();
    }
}
