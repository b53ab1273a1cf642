using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Shouldly;
using Xunit;

namespace SpecClients.Samples.Tests;

public sealed class FinCodeSandboxTests : SandboxTestBase
{
    private const string ValidationBody =
        """{"accountNumber":"0123456789","accountNumberCountry":"NG","bankCode":"058","expectedCurrencyCode":"NGN","transactionType":"ACCOUNT_CREDIT"}""";

    private static string Basic(string id, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(id + ":" + secret));

    private Task<Reply> TokenAsync(Dictionary<string, string> form, string? authorization = null)
    {
        HttpRequestMessage request = Request(
            HttpMethod.Post,
            "oauth/token",
            ("Authorization", authorization ?? Basic("sandbox-fincode-client-id", "sandbox-fincode-client-secret")));
        request.Content = new FormUrlEncodedContent(form);
        return SendAsync(Client("fincode"), request);
    }

    private static Dictionary<string, string> PasswordGrant(string password = "sandbox-fincode-password") => new()
    {
        ["username"] = "sandbox-fincode-user",
        ["password"] = password,
        ["grant_type"] = "password",
    };

    private async Task<JsonElement> IssueAsync()
    {
        Reply reply = await TokenAsync(PasswordGrant());
        reply.Status.ShouldBe(HttpStatusCode.OK, reply.Body.GetRawText());
        return reply.Body;
    }

    private Task<Reply> ValidateAsync(string? authorization)
    {
        HttpRequestMessage request = authorization is null
            ? JsonRequest(HttpMethod.Post, "gateway/v2/account-number-validation", ValidationBody)
            : JsonRequest(HttpMethod.Post, "gateway/v2/account-number-validation", ValidationBody, ("Authorization", authorization));
        return SendAsync(Client("fincode"), request);
    }

    private static void ShouldBeOAuthError(Reply reply, HttpStatusCode status, string error, string? description = null)
    {
        reply.Status.ShouldBe(status);
        ShouldHaveExactly(reply.Body, "error", "error_description");
        Str(reply.Body, "error").ShouldBe(error);
        if (description is not null)
        {
            Str(reply.Body, "error_description").ShouldBe(description);
        }
    }

    [Fact]
    public async Task Password_grant_returns_an_rfc6749_token()
    {
        JsonElement body = await IssueAsync();

        ShouldHaveExactly(body, "access_token", "token_type", "refresh_token", "expires_in", "scope");
        Str(body, "access_token").Length.ShouldBeGreaterThanOrEqualTo(32);
        Str(body, "token_type").ShouldBe("bearer");
        Str(body, "refresh_token").ShouldNotBe(Str(body, "access_token"));
        body.GetProperty("expires_in").GetInt32().ShouldBe(3600);
        Str(body, "scope").ShouldBe("read write");
        Sandbox.Counters.FinCode.TokensIssued.ShouldBe(1);
    }

    [Fact]
    public async Task Bad_client_credentials_get_401_invalid_client()
    {
        ShouldBeOAuthError(
            await TokenAsync(PasswordGrant(), Basic("sandbox-fincode-client-id", "wrong")),
            HttpStatusCode.Unauthorized, "invalid_client", "Bad client credentials");
        ShouldBeOAuthError(
            await TokenAsync(PasswordGrant(), "Bearer nothing"),
            HttpStatusCode.Unauthorized, "invalid_client", "Bad client credentials");
        Sandbox.Counters.FinCode.TokenRequests.ShouldBe(2);
        Sandbox.Counters.FinCode.TokensIssued.ShouldBe(0);
    }

    [Fact]
    public async Task Bad_user_credentials_get_400_invalid_grant() =>
        ShouldBeOAuthError(await TokenAsync(PasswordGrant("wrong")), HttpStatusCode.BadRequest, "invalid_grant", "Bad credentials");

    [Fact]
    public async Task Unknown_grant_type_is_unsupported() =>
        ShouldBeOAuthError(
            await TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            HttpStatusCode.BadRequest, "unsupported_grant_type");

    [Fact]
    public async Task Refresh_grant_is_refused_because_the_published_spec_allows_password_only()
    {
        JsonElement first = await IssueAsync();

        ShouldBeOAuthError(
            await TokenAsync(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = Str(first, "refresh_token"),
            }),
            HttpStatusCode.BadRequest, "unsupported_grant_type");
        Sandbox.Counters.FinCode.TokensIssued.ShouldBe(1);
    }

    [Fact]
    public async Task Refresh_grant_issues_a_new_access_token_and_rejects_unknown_refresh_tokens()
    {
        Options.FinCodeAcceptsRefreshGrant = true;
        JsonElement first = await IssueAsync();
        Reply refreshed = await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = Str(first, "refresh_token"),
        });

        refreshed.Status.ShouldBe(HttpStatusCode.OK);
        Str(refreshed.Body, "access_token").ShouldNotBe(Str(first, "access_token"));
        Str(refreshed.Body, "refresh_token").ShouldBe(Str(first, "refresh_token"));
        (await ValidateAsync("Bearer " + Str(refreshed.Body, "access_token"))).Status.ShouldBe(HttpStatusCode.OK);

        ShouldBeOAuthError(
            await TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "nope" }),
            HttpStatusCode.BadRequest, "invalid_grant");
        Sandbox.Counters.FinCode.TokenRequests.ShouldBe(3);
        Sandbox.Counters.FinCode.TokensIssued.ShouldBe(2);
    }

    [Fact]
    public async Task Fresh_bearer_token_is_accepted()
    {
        JsonElement token = await IssueAsync();

        Reply reply = await ValidateAsync("Bearer " + Str(token, "access_token"));

        reply.Status.ShouldBe(HttpStatusCode.OK);
        ShouldHaveExactly(reply.Body, "status", "message", "errorCode", "data");
        Str(reply.Body, "status").ShouldBe("SUCCESS");
        reply.Body.GetProperty("errorCode").GetInt32().ShouldBe(0);
        JsonElement data = reply.Body.GetProperty("data");
        ShouldHaveExactly(data, "accountNumber", "accountName", "accountCurrency", "receiverMobileNumber");
        Str(data, "accountNumber").ShouldBe("0123456789");
        Str(data, "accountCurrency").ShouldBe("NGN");
        data.GetProperty("receiverMobileNumber").ValueKind.ShouldBe(JsonValueKind.Null);
        Sandbox.Counters.FinCode.CallsAccepted.ShouldBe(1);
    }

    [Fact]
    public async Task Wrong_raw_and_missing_tokens_get_401_invalid_token()
    {
        string token = Str(await IssueAsync(), "access_token");

        foreach (string? authorization in new[] { "Bearer wrong", token, "JWT " + token, null })
        {
            Reply reply = await ValidateAsync(authorization);
            ShouldBeOAuthError(reply, HttpStatusCode.Unauthorized, "invalid_token");
            reply.Response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        }

        Sandbox.Counters.FinCode.CallsRejected.ShouldBe(4);
        Sandbox.Counters.FinCode.CallsAccepted.ShouldBe(0);
    }

    [Fact]
    public async Task Token_expires_after_3600_seconds()
    {
        string token = Str(await IssueAsync(), "access_token");
        Time.Advance(TimeSpan.FromSeconds(3599));
        (await ValidateAsync("Bearer " + token)).Status.ShouldBe(HttpStatusCode.OK);
        Time.Advance(TimeSpan.FromSeconds(1));
        ShouldBeOAuthError(await ValidateAsync("Bearer " + token), HttpStatusCode.Unauthorized, "invalid_token", "Access token expired");
    }

    [Fact]
    public async Task Revocation_rejects_access_tokens_but_keeps_refresh_tokens()
    {
        Options.FinCodeAcceptsRefreshGrant = true;
        JsonElement first = await IssueAsync();
        Sandbox.RevokeAllTokens("fincode");
        ShouldBeOAuthError(await ValidateAsync("Bearer " + Str(first, "access_token")), HttpStatusCode.Unauthorized, "invalid_token");

        Reply refreshed = await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = Str(first, "refresh_token"),
        });
        refreshed.Status.ShouldBe(HttpStatusCode.OK);
        (await ValidateAsync("Bearer " + Str(refreshed.Body, "access_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }
}
