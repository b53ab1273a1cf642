using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SpecClients.Package.Tests.Support;

/// <summary>One warning or error line of MSBuild output, e.g. <c>Program.cs(3,1): warning CS8785: ...</c>.</summary>
internal sealed record BuildDiagnostic(string Severity, string Code, string Line);

/// <summary>Reads the diagnostics out of MSBuild console output.</summary>
internal static partial class BuildOutput
{
    /// <summary>
    /// What a generator that did not load or crashed looks like. The build then often still "succeeds" (a warning),
    /// breaking only through follow-on errors, so these are checked for explicitly: CS8784 (generator failed to
    /// initialize), CS8785 (generator failed to generate), AD0001 (analyzer threw), CS8032 (analyzer instance could
    /// not be created), CS8033 (assembly contains no analyzers), CS9057 (analyzer built for a newer compiler), and
    /// SPC900, the generator's own report of an unexpected exception (a library missing from analyzers/dotnet/cs shows
    /// as SPC900 "Could not load file or assembly 'YamlDotNet…'" once the generator itself has loaded).
    /// </summary>
    public static readonly IReadOnlySet<string> GeneratorLoadFailures =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "CS8784", "CS8785", "AD0001", "CS8032", "CS8033", "CS9057", "SPC900" };

    /// <summary>Every distinct warning and error in <paramref name="output"/> (MSBuild repeats them in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> Diagnostics(string output) =>
        output.Split('\n')
            .Select(line => line.Trim())
            .Distinct(StringComparer.Ordinal)
            .Select(line => (line, match: DiagnosticPattern().Match(line)))
            .Where(x => x.match.Success)
            .Select(x => new BuildDiagnostic(x.match.Groups["severity"].Value.ToLowerInvariant(), x.match.Groups["code"].Value.ToUpperInvariant(), x.line))
            .ToList();

    /// <summary>
    /// Warnings about the machine rather than the build, tolerated so the tests stay robust over time: NuGet audit
    /// (NU1900-NU1905: vulnerability data unreachable or an advisory published later for a pinned dependency) and
    /// NETSDK1138 (a target framework past its end of support, e.g. net8.0 with a later SDK).
    /// </summary>
    public static readonly IReadOnlySet<string> ToleratedWarnings =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "NU1900", "NU1901", "NU1902", "NU1903", "NU1904", "NU1905", "NETSDK1138" };

    /// <summary>Every warning and error except <see cref="ToleratedWarnings"/>, as lines, for assertion messages.</summary>
    public static IReadOnlyList<string> UnexpectedDiagnostics(string output) =>
        Diagnostics(output).Where(d => d.Severity == "error" || !ToleratedWarnings.Contains(d.Code)).Select(d => d.Line).ToList();

    /// <summary>Trim (IL2xxx) and AOT (IL3xxx) analysis warnings, whether reported as warnings or as errors.</summary>
    public static IReadOnlyList<BuildDiagnostic> TrimAndAotDiagnostics(string output) =>
        Diagnostics(output).Where(d => TrimOrAotCode().IsMatch(d.Code)).ToList();

    [GeneratedRegex(@"(?:^|[\s:)\]])(?<severity>warning|error)\s+(?<code>[A-Za-z]{1,10}\d{3,5})\s*:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosticPattern();

    [GeneratedRegex(@"^IL[23]\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex TrimOrAotCode();
}
