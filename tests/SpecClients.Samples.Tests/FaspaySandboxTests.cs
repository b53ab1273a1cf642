using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Samples.Faspay;
using SpecClients.Samples.Sandbox;
using Xunit;

namespace SpecClients.Samples.Tests;

public sealed class FaspaySandboxTests : SandboxTestBase
{
    private const string ServicePath = "/account/api/balance_inquiry";
    private const string BalancePath = "/account/api/balance_inquiry/9920000028";

    private FaspayCredentials Credentials => Options.Faspay;

    private Task<Reply> SendSignedAsync(
        string requestPath,
        string signedPath,
        string tokenPart,
        FaspayCredentials? signWith = null,
        TimeSpan? clockSkew = null,
        bool authorization = true,
        string? faspayKey = null,
        string? contentType = "application/json")
    {
        FaspayCredentials credentials = signWith ?? Credentials;
        string timestamp = FaspaySignature.FormatTimestamp(Time.GetUtcNow() + (clockSkew ?? TimeSpan.Zero));
        var headers = new List<(string, string)>
        {
            ("faspay-key", faspayKey ?? credentials.FaspayKey),
            ("faspay-timestamp", timestamp),
            ("faspay-signature", FaspaySignature.Signature(credentials, "GET", signedPath, timestamp, tokenPart)),
            ("Accept", "application/json"),
        };
        if (authorization)
        {
            headers.Add(("faspay-authorization", FaspaySignature.Authorization(credentials)));
        }

        HttpRequestMessage request = Request(HttpMethod.Get, requestPath.TrimStart('/'), headers.ToArray());
        if (contentType is not null)
        {
            // Content-Type is a content header: a GET carries it on empty content, as the generated client does.
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return SendAsync(Client("faspay"), request);
    }

    private Task<Reply> TokenAsync(
        string signedPath = ServicePath,
        FaspayCredentials? signWith = null,
        TimeSpan? clockSkew = null,
        bool authorization = true,
        string? faspayKey = null,
        string? contentType = "application/json") =>
        SendSignedAsync(
            "/account/api/tokens",
            signedPath,
            FaspaySignature.TokenPart(signWith ?? Credentials),
            signWith,
            clockSkew,
            authorization,
            faspayKey,
            contentType);

    private async Task<string> IssueAsync()
    {
        Reply reply = await TokenAsync();
        reply.Status.ShouldBe(HttpStatusCode.OK);
        Str(reply.Body, "status").ShouldBe("2", reply.Body.GetRawText());
        return Str(reply.Body, "access_token");
    }

    private Task<Reply> BalanceAsync(string accessToken, string signedPath = BalancePath, TimeSpan? clockSkew = null) =>
        SendSignedAsync(BalancePath, signedPath, FaspaySignature.TokenPart(Credentials, accessToken), clockSkew: clockSkew);

    private static void ShouldBeStatus9(Reply reply, HttpStatusCode http = HttpStatusCode.OK)
    {
        reply.Status.ShouldBe(http);
        Str(reply.Body, "status").ShouldBe("9");
        Str(reply.Body, "response_code").ShouldNotBe("00");
        Str(reply.Body, "message").ShouldNotBeNullOrWhiteSpace();
        reply.Body.TryGetProperty("access_token", out _).ShouldBeFalse();
    }

    private static FaspayCredentials Other(FaspayCredentials c, string? secret = null, string? appSecret = null, string? iv = null) =>
        new(c.FaspayKey, secret ?? c.FaspaySecret, c.AppKey, appSecret ?? c.AppSecret, c.ClientKey, c.ClientSecret, iv ?? c.Iv);

    [Theory]
    [InlineData(FaspayTokenSigning.ServicePath, ServicePath, "/account/api/tokens")]
    [InlineData(FaspayTokenSigning.TokensEndpoint, "/account/api/tokens", ServicePath)]
    public async Task Token_request_is_accepted_over_the_configured_path_reading_only(FaspayTokenSigning reading, string accepted, string refused)
    {
        Options.FaspayTokenSigning = reading;

        ShouldBeStatus9(await TokenAsync(refused));
        ShouldBeStatus9(await TokenAsync("/account/api/transfer"));
        Reply reply = await TokenAsync(accepted);

        reply.Status.ShouldBe(HttpStatusCode.OK);
        Str(reply.Body, "status").ShouldBe("2");
        (await BalanceAsync(Str(reply.Body, "access_token"))).Status.ShouldBe(HttpStatusCode.OK);
        Sandbox.Counters.Faspay.TokensIssued.ShouldBe(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    public async Task Token_request_without_json_content_type_gets_status_9(string? contentType)
    {
        Reply reply = await TokenAsync(contentType: contentType);

        ShouldBeStatus9(reply);
        Str(reply.Body, "message").ShouldContain("Content-Type");
        Sandbox.Counters.Faspay.TokensIssued.ShouldBe(0);
    }

    [Fact]
    public async Task Numbers_mode_sends_expired_in_and_status_as_json_numbers()
    {
        Options.FaspayNumbersAsJsonNumbers = true;

        Reply reply = await TokenAsync();

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.Body.GetProperty("expired_in").GetInt64().ShouldBe(36000);
        reply.Body.GetProperty("status").GetInt32().ShouldBe(2);
        Str(reply.Body, "response_code").ShouldBe("00");
        Reply refused = await TokenAsync("/account/api/tokens");
        refused.Body.GetProperty("status").GetInt32().ShouldBe(9);
    }

    [Fact]
    public async Task Token_request_signed_over_the_service_path_succeeds_with_string_values()
    {
        Reply reply = await TokenAsync(ServicePath);

        reply.Status.ShouldBe(HttpStatusCode.OK);
        ShouldHaveExactly(reply.Body, "access_token", "expired_in", "status", "message", "response_code", "response_desc");
        foreach (JsonProperty property in reply.Body.EnumerateObject())
        {
            property.Value.ValueKind.ShouldBe(JsonValueKind.String, property.Name);
        }

        Str(reply.Body, "access_token").Length.ShouldBeGreaterThan(32);
        Str(reply.Body, "expired_in").ShouldBe("36000");
        Str(reply.Body, "status").ShouldBe("2");
        Str(reply.Body, "message").ShouldBe("Success");
        Str(reply.Body, "response_code").ShouldBe("00");
        Str(reply.Body, "response_desc").ShouldBe("success");
        Sandbox.Counters.Faspay.TokensIssued.ShouldBe(1);
    }

    [Fact]
    public async Task Token_request_with_wrong_key_authorization_or_signature_gets_status_9()
    {
        ShouldBeStatus9(await TokenAsync(faspayKey: "wrong-key"));
        ShouldBeStatus9(await TokenAsync(authorization: false));
        ShouldBeStatus9(await TokenAsync(signWith: Other(Credentials, appSecret: "wrong-app-secret")));
        ShouldBeStatus9(await TokenAsync(signWith: Other(Credentials, secret: "wrong-secret")));
        ShouldBeStatus9(await TokenAsync(signWith: Other(Credentials, iv: "wrong-iv")));
        ShouldBeStatus9(await TokenAsync(signedPath: "/elsewhere"));
        Sandbox.Counters.Faspay.TokenRequests.ShouldBe(6);
        Sandbox.Counters.Faspay.TokensIssued.ShouldBe(0);
    }

    [Fact]
    public async Task Token_request_signed_with_an_access_token_part_gets_status_9() =>
        ShouldBeStatus9(await SendSignedAsync("/account/api/tokens", ServicePath, FaspaySignature.TokenPart(Credentials, "x")));

    [Fact]
    public async Task Timestamp_must_be_within_five_minutes_of_the_sandbox_clock()
    {
        (await TokenAsync(clockSkew: TimeSpan.FromMinutes(4))).Body.GetProperty("status").GetString().ShouldBe("2");
        (await TokenAsync(clockSkew: TimeSpan.FromMinutes(-4))).Body.GetProperty("status").GetString().ShouldBe("2");
        ShouldBeStatus9(await TokenAsync(clockSkew: TimeSpan.FromMinutes(6)));
        ShouldBeStatus9(await TokenAsync(clockSkew: TimeSpan.FromMinutes(-6)));
        ShouldBeStatus9(await TokenAsync(clockSkew: TimeSpan.FromHours(7))); // UTC written as if it were UTC+7
    }

    [Fact]
    public async Task Balance_inquiry_signed_with_a_fresh_token_succeeds()
    {
        string token = await IssueAsync();

        Reply reply = await BalanceAsync(token);

        reply.Status.ShouldBe(HttpStatusCode.OK);
        ShouldHaveExactly(reply.Body, "virtual_account", "balance", "available_balance", "status", "message", "response_code", "response_desc");
        Str(reply.Body, "virtual_account").ShouldBe("9920000028");
        Str(reply.Body, "balance").ShouldBe("7897000.00");
        Str(reply.Body, "available_balance").ShouldBe("6897000.00");
        Str(reply.Body, "status").ShouldBe("2");
        Str(reply.Body, "response_code").ShouldBe("00");
        Sandbox.Counters.Faspay.CallsAccepted.ShouldBe(1);
        Sandbox.Counters.Faspay.TokenRequests.ShouldBe(1);
    }

    [Fact]
    public async Task Balance_inquiry_rejects_wrong_tokens_and_wrong_signed_paths()
    {
        string token = await IssueAsync();

        ShouldBeStatus9(await BalanceAsync("not-an-issued-token"));
        ShouldBeStatus9(await SendSignedAsync(BalancePath, BalancePath, FaspaySignature.TokenPart(Credentials)));
        ShouldBeStatus9(await BalanceAsync(token, signedPath: ServicePath));
        ShouldBeStatus9(await BalanceAsync(token, signedPath: "/faspay" + BalancePath));
        ShouldBeStatus9(await BalanceAsync(token, clockSkew: TimeSpan.FromMinutes(10)));
        Sandbox.Counters.Faspay.CallsRejected.ShouldBe(5);
        Sandbox.Counters.Faspay.CallsAccepted.ShouldBe(0);
    }

    [Fact]
    public async Task Balance_inquiry_token_expires_after_36000_seconds_and_on_revocation()
    {
        string token = await IssueAsync();
        Time.Advance(TimeSpan.FromSeconds(35999));
        Str((await BalanceAsync(token)).Body, "status").ShouldBe("2");
        Time.Advance(TimeSpan.FromSeconds(1));
        ShouldBeStatus9(await BalanceAsync(token));

        string fresh = await IssueAsync();
        Sandbox.RevokeAllTokens("faspay");
        ShouldBeStatus9(await BalanceAsync(fresh));
    }
}

public sealed class FaspayHttp401SandboxTests : SandboxTestBase
{
    protected override void Configure(SandboxOptions options) => options.FaspayRejectionStatusCode = 401;

    [Fact]
    public async Task Rejection_status_code_is_configurable()
    {
        string timestamp = FaspaySignature.FormatTimestamp(Time.GetUtcNow());
        Reply reply = await SendAsync(
            Client("faspay"),
            Request(HttpMethod.Get, "account/api/tokens", ("faspay-key", "wrong"), ("faspay-timestamp", timestamp)));

        reply.Status.ShouldBe(HttpStatusCode.Unauthorized);
        Str(reply.Body, "status").ShouldBe("9");
    }
}
