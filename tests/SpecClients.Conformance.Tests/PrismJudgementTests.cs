using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using SpecClients.Testing.Prism;
using Xunit;

namespace SpecClients.Conformance.Tests;

/// <summary>The suite's judgement can fail: a request that breaks the spec is caught as such, with Prism's reasons.</summary>
public sealed class PrismJudgementTests
{
    [Fact]
    public async Task ABodyMissingARequiredMemberIsJudgedRejectedWithPrismsViolation()
    {
        var run = new ConformanceRun("oai-v3.0-petstore-expanded");
        await using var prism = await PrismMock.StartAsync(run.SpecPath, PrismMode.Errors);
        using var request = new HttpRequestMessage(HttpMethod.Post, "pets")
        {
            // NewPet requires name.
            Content = new StringContent("""{"tag":"cat"}""", Encoding.UTF8, "application/json"),
        };

        var result = await run.SendAsync(prism, request);

        Assert.Equal(Outcome.RequestRejected, result.Outcome);
        Assert.Contains("422", result.Detail, System.StringComparison.Ordinal);
        Assert.Contains("name", result.Detail, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWellFormedRequestIsJudgedAPass()
    {
        var run = new ConformanceRun("oai-v3.0-petstore-expanded");
        await using var prism = await PrismMock.StartAsync(run.SpecPath, PrismMode.Errors);
        using var request = new HttpRequestMessage(HttpMethod.Post, "pets")
        {
            Content = new StringContent("""{"name":"Rex","tag":"dog"}""", Encoding.UTF8, "application/json"),
        };

        var result = await run.SendAsync(prism, request);

        Assert.Equal(Outcome.Pass, result.Outcome);
    }
}
