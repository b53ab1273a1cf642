using System.Linq;
using System.Threading.Tasks;
using SpecClients.Testing.Prism;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Conformance.Tests;

/// <summary>The specs of the suite, as theory data.</summary>
public static class ConformanceSpecs
{
    /// <summary>Every spec name of <see cref="ConformanceRun.Specs"/>.</summary>
    public static TheoryData<string> All => new(ConformanceRun.Specs.Keys.Order());
}

/// <summary>
/// <c>prism mock --errors</c>: Prism validates every request against the spec and answers 422 (401 for credentials)
/// when it breaks it. Every generated operation, called with realistic arguments, must be accepted.
/// </summary>
public sealed class PrismRequestValidationTests(ITestOutputHelper output)
{
    /// <summary>Every operation of <paramref name="spec"/>, <see cref="ConformanceRun.Samples"/> times each.</summary>
    /// <param name="spec">The spec's name.</param>
    [Theory]
    [MemberData(nameof(ConformanceSpecs.All), MemberType = typeof(ConformanceSpecs))]
    public async Task PrismAcceptsEveryRequestOfEveryOperation(string spec)
    {
        var (results, unreached, report) = await ConformanceRun.RunAndReportAsync(spec, PrismMode.Errors, output.WriteLine);

        Assert.True(results.Count > 0, spec + ": no operation was called.");
        Assert.True(unreached.Count == 0, spec + ": operations no generated method reached: " + string.Join(", ", unreached));
        Assert.True(results.All(r => r.Outcome != Outcome.RequestRejected), report);
        Assert.True(results.All(r => r.Outcome != Outcome.ReadFailed), report);
    }
}

/// <summary>
/// <c>prism mock --dynamic</c>: every answer is a body Prism generates at random from the response schema. The client
/// must read every one that conforms to the spec; bodies Prism generates outside the spec are reported, not counted.
/// </summary>
public sealed class PrismGeneratedResponseTests(ITestOutputHelper output)
{
    /// <summary>Every operation of <paramref name="spec"/>, <see cref="ConformanceRun.Samples"/> random responses each.</summary>
    /// <param name="spec">The spec's name.</param>
    [Theory]
    [MemberData(nameof(ConformanceSpecs.All), MemberType = typeof(ConformanceSpecs))]
    public async Task ClientReadsEveryConformingRandomResponse(string spec)
    {
        var (results, unreached, report) = await ConformanceRun.RunAndReportAsync(spec, PrismMode.Dynamic, output.WriteLine);

        Assert.True(unreached.Count == 0, spec + ": operations no generated method reached: " + string.Join(", ", unreached));
        Assert.True(results.All(r => r.Outcome != Outcome.RequestRejected), report);
        Assert.True(results.All(r => r.Outcome != Outcome.ReadFailed), report);
        Assert.True(results.Any(r => r.Outcome == Outcome.Pass), spec + ": no random response conformed to the spec, so nothing was tested.\n" + report);
    }
}
