using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Shouldly;
using Xunit;

namespace SpecClients.Samples.Tests;

public sealed class FincartSandboxTests : SandboxTestBase
{
    private Task<Reply> GetLogsAsync(params (string, string)[] headers) =>
        SendAsync(Client("fincart"), Request(HttpMethod.Get, "v4/orders/ORD-1/logs", headers));

    [Fact]
    public async Task Raw_portal_token_is_accepted()
    {
        Reply reply = await GetLogsAsync(("Authorization", "sandbox-fincart-portal-token"));

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.Body.GetProperty("statusCode").GetInt32().ShouldBe(200);
        JsonElement logs = reply.Body.GetProperty("data").GetProperty("logs");
        logs.GetArrayLength().ShouldBeGreaterThan(0);
        foreach (JsonElement log in logs.EnumerateArray())
        {
            ShouldHaveExactly(log, "title", "description", "createdAt", "by");
        }

        Sandbox.Counters.Fincart.CallsAccepted.ShouldBe(1);
        Sandbox.Counters.Fincart.CallsRejected.ShouldBe(0);
        Sandbox.Counters.Fincart.TokenRequests.ShouldBe(0);
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("Bearer sandbox-fincart-portal-token")]
    [InlineData(null)]
    public async Task Wrong_prefixed_or_missing_token_gets_the_documented_403(string? token)
    {
        Reply reply = token is null ? await GetLogsAsync() : await GetLogsAsync(("Authorization", token));

        reply.Status.ShouldBe(HttpStatusCode.Forbidden);
        ShouldHaveExactly(reply.Body, "statusCode", "timestamp", "path", "message", "errors");
        reply.Body.GetProperty("statusCode").GetInt32().ShouldBe(403);
        Str(reply.Body, "path").ShouldBe("/v4/orders/ORD-1/logs");
        Str(reply.Body, "message").ShouldBe("User is not authorized");
        reply.Body.GetProperty("errors")[0].GetString().ShouldBe("User is not authorized");
        Str(reply.Body, "timestamp").ShouldStartWith("2024-01-02T03:04:05");
        Sandbox.Counters.Fincart.CallsRejected.ShouldBe(1);
        Sandbox.Counters.Fincart.CallsAccepted.ShouldBe(0);
    }

    [Fact]
    public async Task Revoked_portal_token_is_refused()
    {
        (await GetLogsAsync(("Authorization", "sandbox-fincart-portal-token"))).Status.ShouldBe(HttpStatusCode.OK);
        Sandbox.RevokeAllTokens("fincart");
        (await GetLogsAsync(("Authorization", "sandbox-fincart-portal-token"))).Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}
