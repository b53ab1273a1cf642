using System;
using System.Buffers.Text;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Shouldly;
using Xunit;

namespace SpecClients.Samples.Tests;

public sealed class KitegatewaySandboxTests : SandboxTestBase
{
    private const string GoodBody = """{"api_key":"sandbox-kite-api-key"}""";

    private Task<Reply> TokenAsync(string body, string? secret = "sandbox-kite-secret-key") =>
        SendAsync(
            Client("kitegateway"),
            secret is null
                ? JsonRequest(HttpMethod.Post, "v1/auth/token", body, ("Accept", "application/json"))
                : JsonRequest(HttpMethod.Post, "v1/auth/token", body, ("Secret-Key", secret), ("Accept", "application/json")));

    private Task<Reply> CallbackAsync(string? authorization)
    {
        HttpRequestMessage request = authorization is null
            ? Request(HttpMethod.Get, "v1/transactions/send-callback/KG-REF-1")
            : Request(HttpMethod.Get, "v1/transactions/send-callback/KG-REF-1", ("Authorization", authorization));
        return SendAsync(Client("kitegateway"), request);
    }

    private async Task<string> IssueAsync(string body = GoodBody)
    {
        Reply reply = await TokenAsync(body);
        reply.Status.ShouldBe(HttpStatusCode.OK, reply.Body.GetRawText());
        return Str(reply.Body.GetProperty("data"), "token");
    }

    private static void ShouldBeError(Reply reply, HttpStatusCode status)
    {
        reply.Status.ShouldBe(status);
        ShouldHaveExactly(reply.Body, "code", "status", "message", "data");
        Str(reply.Body, "code").ShouldBe(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Str(reply.Body, "status").ShouldBe("error");
        Str(reply.Body, "message").ShouldNotBeNullOrWhiteSpace();
        reply.Body.GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Object);
    }

    [Fact]
    public async Task Token_request_with_right_credentials_returns_a_jwt_with_the_default_900_seconds()
    {
        Reply reply = await TokenAsync(GoodBody);

        reply.Status.ShouldBe(HttpStatusCode.OK);
        ShouldHaveExactly(reply.Body, "code", "status", "message", "data");
        reply.Body.GetProperty("code").ValueKind.ShouldBe(JsonValueKind.Number);
        reply.Body.GetProperty("code").GetInt32().ShouldBe(200);
        Str(reply.Body, "status").ShouldBe("success");
        Str(reply.Body, "message").ShouldBe("Token generated");
        JsonElement data = reply.Body.GetProperty("data");
        long expected = Time.GetUtcNow().AddSeconds(900).ToUnixTimeSeconds();
        data.GetProperty("expires").GetInt64().ShouldBe(expected);

        string token = Str(data, "token");
        token.ShouldStartWith("JWT ey");
        string[] parts = token.Substring(4).Split('.');
        parts.Length.ShouldBe(3);
        using JsonDocument payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        payload.RootElement.GetProperty("exp").GetInt64().ShouldBe(expected);
        Sandbox.Counters.Kitegateway.TokensIssued.ShouldBe(1);
    }

    [Fact]
    public async Task Expires_in_sets_the_lifetime()
    {
        Reply reply = await TokenAsync("""{"api_key":"sandbox-kite-api-key","expires_in":300}""");
        reply.Body.GetProperty("data").GetProperty("expires").GetInt64()
            .ShouldBe(Time.GetUtcNow().AddSeconds(300).ToUnixTimeSeconds());

        string token = Str(reply.Body.GetProperty("data"), "token");
        Time.Advance(TimeSpan.FromSeconds(301));
        ShouldBeError(await CallbackAsync(token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_or_missing_credentials_are_rejected_in_the_error_shape()
    {
        ShouldBeError(await TokenAsync(GoodBody, secret: "wrong"), HttpStatusCode.Unauthorized);
        ShouldBeError(await TokenAsync(GoodBody, secret: null), HttpStatusCode.Unauthorized);
        ShouldBeError(await TokenAsync("""{"api_key":"wrong"}"""), HttpStatusCode.Unauthorized);
        ShouldBeError(await TokenAsync("{}"), HttpStatusCode.BadRequest);
        ShouldBeError(await TokenAsync("not json"), HttpStatusCode.BadRequest);
        ShouldBeError(await TokenAsync("""{"api_key":"sandbox-kite-api-key","expires_in":"soon"}"""), HttpStatusCode.BadRequest);

        Sandbox.Counters.Kitegateway.TokenRequests.ShouldBe(6);
        Sandbox.Counters.Kitegateway.TokensIssued.ShouldBe(0);
    }

    [Fact]
    public async Task Fresh_token_is_accepted_as_returned()
    {
        string token = await IssueAsync();

        Reply reply = await CallbackAsync(token);

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.Body.GetProperty("code").GetInt32().ShouldBe(200);
        Str(reply.Body, "status").ShouldBe("success");
        Str(reply.Body.GetProperty("data"), "kitegateway_reference").ShouldBe("KG-REF-1");
        Sandbox.Counters.Kitegateway.CallsAccepted.ShouldBe(1);
        Sandbox.Counters.Kitegateway.TokenRequests.ShouldBe(1);
    }

    [Fact]
    public async Task Wrong_unprefixed_missing_and_forged_tokens_are_rejected()
    {
        string token = await IssueAsync();
        string bare = token.Substring(4);
        string forged = "JWT " + string.Concat(bare.Reverse());

        ShouldBeError(await CallbackAsync(bare), HttpStatusCode.Unauthorized);
        ShouldBeError(await CallbackAsync("Bearer " + bare), HttpStatusCode.Unauthorized);
        ShouldBeError(await CallbackAsync(forged), HttpStatusCode.Unauthorized);
        ShouldBeError(await CallbackAsync(null), HttpStatusCode.Unauthorized);
        Sandbox.Counters.Kitegateway.CallsRejected.ShouldBe(4);
        Sandbox.Counters.Kitegateway.CallsAccepted.ShouldBe(0);
    }

    [Fact]
    public async Task Token_expires_after_its_lifetime_on_the_sandbox_clock()
    {
        string token = await IssueAsync();
        Time.Advance(TimeSpan.FromSeconds(899));
        (await CallbackAsync(token)).Status.ShouldBe(HttpStatusCode.OK);
        Time.Advance(TimeSpan.FromSeconds(1));
        ShouldBeError(await CallbackAsync(token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoked_token_is_rejected_and_a_new_one_works()
    {
        string token = await IssueAsync();
        Sandbox.RevokeAllTokens("kitegateway");
        ShouldBeError(await CallbackAsync(token), HttpStatusCode.Unauthorized);

        string fresh = await IssueAsync();
        (await CallbackAsync(fresh)).Status.ShouldBe(HttpStatusCode.OK);
        Sandbox.Counters.Kitegateway.TokenRequests.ShouldBe(2);
        Sandbox.Counters.Kitegateway.CallsRejected.ShouldBe(1);
        Sandbox.Counters.Kitegateway.CallsAccepted.ShouldBe(1);
    }

    [Fact]
    public async Task Counters_are_thread_safe()
    {
        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => IssueAsync()));
        Sandbox.Counters.Kitegateway.TokenRequests.ShouldBe(24);
        Sandbox.Counters.Kitegateway.TokensIssued.ShouldBe(24);
        Sandbox.Counters.Reset();
        Sandbox.Counters["KiteGateway"].TokenRequests.ShouldBe(0);
    }

    [Fact]
    public async Task Token_request_without_json_accept_or_content_type_is_a_400_with_the_documented_error_body()
    {
        ShouldBeError(
            await SendAsync(Client("kitegateway"), JsonRequest(HttpMethod.Post, "v1/auth/token", GoodBody, ("Secret-Key", "sandbox-kite-secret-key"))),
            HttpStatusCode.BadRequest);
        HttpRequestMessage plain = Request(HttpMethod.Post, "v1/auth/token", ("Secret-Key", "sandbox-kite-secret-key"), ("Accept", "application/json"));
        plain.Content = new StringContent(GoodBody, System.Text.Encoding.UTF8, "text/plain");
        ShouldBeError(await SendAsync(Client("kitegateway"), plain), HttpStatusCode.BadRequest);
        Sandbox.Counters.Kitegateway.TokensIssued.ShouldBe(0);
    }

    [Fact]
    public async Task Token_without_the_jwt_prefix_must_still_be_sent_with_it()
    {
        Options.KitegatewayTokenHasJwtPrefix = false;

        string token = await IssueAsync();

        token.ShouldNotStartWith("JWT ");
        token.Split('.').Length.ShouldBe(3);
        ShouldBeError(await CallbackAsync(token), HttpStatusCode.Unauthorized);
        (await CallbackAsync("JWT " + token)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Opaque_tokens_carry_no_claims_and_expire_at_data_expires()
    {
        Options.KitegatewayOpaqueTokens = true;

        Reply reply = await TokenAsync(GoodBody);

        string token = Str(reply.Body.GetProperty("data"), "token");
        token.ShouldStartWith("JWT ");
        token.ShouldNotContain(".");
        long expires = reply.Body.GetProperty("data").GetProperty("expires").GetInt64();
        expires.ShouldBe(Time.GetUtcNow().ToUnixTimeSeconds() + 900);
        (await CallbackAsync(token)).Status.ShouldBe(HttpStatusCode.OK);
        Time.Advance(TimeSpan.FromSeconds(900));
        ShouldBeError(await CallbackAsync(token), HttpStatusCode.Unauthorized);
    }
}
