using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Shouldly;
using Xunit;

namespace SpecClients.Samples.Tests;

public sealed class TorusSandboxTests : SandboxTestBase
{
    private const string GoodBody = """{"API_KEY":"sandbox-torus-api-key","API_SECRET":"sandbox-torus-api-secret"}""";

    private Task<Reply> GenerateAsync(string body, string? requestToken = "sandbox-torus-request-token") =>
        SendAsync(
            Client("torus"),
            requestToken is null
                ? JsonRequest(HttpMethod.Post, "api/v1/session/generate", body)
                : JsonRequest(HttpMethod.Post, "api/v1/session/generate", body, ("Token", requestToken)));

    private Task<Reply> FundsAsync(string? authorization, string body = """{"source":"N"}""") =>
        SendAsync(
            Client("torus"),
            authorization is null
                ? JsonRequest(HttpMethod.Post, "api/v1/funds/", body)
                : JsonRequest(HttpMethod.Post, "api/v1/funds/", body, ("Authorization", authorization)));

    private async Task<string> IssueAsync()
    {
        Reply reply = await GenerateAsync(GoodBody);
        reply.Status.ShouldBe(HttpStatusCode.OK, reply.Body.GetRawText());
        return Str(reply.Body, "AccessToken");
    }

    private static void ShouldBeError(Reply reply, HttpStatusCode status)
    {
        reply.Status.ShouldBe(status);
        ShouldHaveExactly(reply.Body, "status", "message");
        Str(reply.Body, "status").ShouldBe("error");
    }

    [Fact]
    public async Task Session_generate_returns_only_an_access_token()
    {
        Reply reply = await GenerateAsync(GoodBody);

        reply.Status.ShouldBe(HttpStatusCode.OK);
        ShouldHaveExactly(reply.Body, "AccessToken");
        Str(reply.Body, "AccessToken").Length.ShouldBeGreaterThanOrEqualTo(32);
        Sandbox.Counters.Torus.TokenRequests.ShouldBe(1);
        Sandbox.Counters.Torus.TokensIssued.ShouldBe(1);
    }

    [Fact]
    public async Task Wrong_request_token_key_or_secret_is_rejected()
    {
        ShouldBeError(await GenerateAsync(GoodBody, "wrong"), HttpStatusCode.Unauthorized);
        ShouldBeError(await GenerateAsync(GoodBody, null), HttpStatusCode.Unauthorized);
        ShouldBeError(await GenerateAsync("""{"API_KEY":"sandbox-torus-api-key","API_SECRET":"wrong"}"""), HttpStatusCode.Unauthorized);
        ShouldBeError(await GenerateAsync("""{"API_KEY":"wrong","API_SECRET":"sandbox-torus-api-secret"}"""), HttpStatusCode.Unauthorized);
        ShouldBeError(await GenerateAsync("{}"), HttpStatusCode.BadRequest);
        Sandbox.Counters.Torus.TokenRequests.ShouldBe(5);
        Sandbox.Counters.Torus.TokensIssued.ShouldBe(0);
    }

    [Fact]
    public async Task Fresh_bearer_token_reads_funds()
    {
        string token = await IssueAsync();

        Reply reply = await FundsAsync("Bearer " + token);

        reply.Status.ShouldBe(HttpStatusCode.OK);
        ShouldHaveExactly(reply.Body, "data", "message", "status");
        Str(reply.Body, "status").ShouldBe("success");
        Str(reply.Body, "message").ShouldBe("Success");
        JsonElement first = reply.Body.GetProperty("data")[0];
        Str(first, "limit_type").ShouldNotBeNullOrEmpty();
        first.GetProperty("available_balance").ValueKind.ShouldBe(JsonValueKind.Number);
        Sandbox.Counters.Torus.CallsAccepted.ShouldBe(1);
    }

    [Fact]
    public async Task Wrong_raw_or_missing_token_gets_401()
    {
        string token = await IssueAsync();
        foreach (string? authorization in new[] { "Bearer wrong", token, null })
        {
            Reply reply = await FundsAsync(authorization);
            ShouldBeError(reply, HttpStatusCode.Unauthorized);
            Str(reply.Body, "message").ShouldBe("Invalid or expired token");
        }

        Sandbox.Counters.Torus.CallsRejected.ShouldBe(3);
        Sandbox.Counters.Torus.CallsAccepted.ShouldBe(0);
    }

    [Fact]
    public async Task Token_expires_after_8_hours_and_revocation_rejects_it()
    {
        string token = await IssueAsync();
        Time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        (await FundsAsync("Bearer " + token)).Status.ShouldBe(HttpStatusCode.OK);
        Time.Advance(TimeSpan.FromSeconds(1));
        ShouldBeError(await FundsAsync("Bearer " + token), HttpStatusCode.Unauthorized);

        string fresh = await IssueAsync();
        Sandbox.RevokeAllTokens("torus");
        ShouldBeError(await FundsAsync("Bearer " + fresh), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Funds_without_source_is_a_bad_request() =>
        ShouldBeError(await FundsAsync("Bearer " + await IssueAsync(), "{}"), HttpStatusCode.BadRequest);

    [Fact]
    public async Task Session_request_without_json_content_type_is_refused()
    {
        HttpRequestMessage request = Request(HttpMethod.Post, "api/v1/session/generate", ("Token", "sandbox-torus-request-token"));
        request.Content = new StringContent(GoodBody, System.Text.Encoding.UTF8, "text/plain");

        Reply reply = await SendAsync(Client("torus"), request);

        reply.Status.ShouldBe(HttpStatusCode.BadRequest);
        Sandbox.Counters.Torus.TokensIssued.ShouldBe(0);
    }

    [Fact]
    public async Task Trailing_comma_mode_answers_exactly_as_the_docs_sample()
    {
        Options.TorusTrailingComma = true;
        using HttpRequestMessage request = JsonRequest(HttpMethod.Post, "api/v1/session/generate", GoodBody, ("Token", "sandbox-torus-request-token"));

        using HttpResponseMessage response = await Client("torus").SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        text.ShouldStartWith("{\n    \"AccessToken\": \"");
        text.ShouldEndWith("\",\n}");
        Should.Throw<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(text));
        using var lenient = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true });
        string token = lenient.RootElement.GetProperty("AccessToken").GetString()!;
        (await FundsAsync("Bearer " + token)).Status.ShouldBe(HttpStatusCode.OK);
    }
}
