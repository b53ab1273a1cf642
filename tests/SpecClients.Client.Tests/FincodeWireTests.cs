using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Providers.Fincode;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

public sealed class FincodeWireTests
{
    private const string ClientId = "fincode-client";
    private const string ClientSecret = "fincode s3cret";

    private const string OAuthTokenJson =
        """{"access_token":"eyJhbGciOiJSUzI1NiJ9.fincode-access.sig","token_type":"bearer","refresh_token":"fincode-refresh-7ad1","expires_in":3599,"scope":"read write"}""";

    [Fact]
    public async Task FincodeTokenRequestSendsBasicAuthAndFormBody()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, OAuthTokenJson);
        var client = CreateClient(server);

        await client.PostOauthTokenAsync(new PostOauthTokenRequest { Username = "merchant01", Password = "hunter2", GrantType = PostOauthTokenRequestGrantType.Password });

        var request = server.SingleRequest;
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/oauth/token");
        request.Query.ShouldBe(string.Empty);
        request.Header("Authorization").ShouldBe("Basic ZmluY29kZS1jbGllbnQ6ZmluY29kZSBzM2NyZXQ=");
        request.Header("Content-Type").ShouldBe("application/x-www-form-urlencoded");
        request.Header("Accept").ShouldBe("application/json");
        request.BodyText.ShouldBe("username=merchant01&password=hunter2&grant_type=password");
    }

    [Fact]
    public async Task FincodeRenewsWithThePasswordGrantBecauseItsSpecAllowsNoOther()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, OAuthTokenJson);
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new FincodeClientOptions
        {
            BaseAddress = server.Uri,
            BasicAuthUsername = ClientId,
            BasicAuthPassword = ClientSecret,
            AccessTokenRequest = new PostOauthTokenRequest { Username = "merchant01", Password = "hunter2", GrantType = PostOauthTokenRequestGrantType.Password },
        };
        var auth = new FincodeClientAuth(options, server.CreateHttpClient, new AuthServices(new InMemoryTokenCache(clock), clock));

        var first = await auth.AccessToken.GetTokenAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(3599 + 1));
        var renewed = await auth.AccessToken.GetTokenAsync(CancellationToken.None);

        // The published spec's grant_type enum is [password]: a server that follows it refuses refresh_token.
        server.Requests.Count.ShouldBe(2);
        server.Requests.Select(r => new FormReader(r.BodyText).ReadForm()["grant_type"].ToString()).ShouldBe(["password", "password"]);
        server.Requests[1].BodyText.ShouldNotContain("refresh_token");
        first.RefreshToken.ShouldBeNull("a refresh token the spec gives no grant for is never kept");
        renewed.Value.ShouldBe(first.Value);
    }

    [Fact]
    public async Task FincodeFormBodyEscapesReservedSpaceAndNonAsciiCharacters()
    {
        const string userName = "merchant@example.com";
        const string password = "p&ss=w+rd é%/?";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, OAuthTokenJson);
        var client = CreateClient(server);

        await client.PostOauthTokenAsync(new PostOauthTokenRequest { Username = userName, Password = password, GrantType = PostOauthTokenRequestGrantType.Password });

        var body = server.SingleRequest.BodyText;
        body.ShouldBe("username=merchant%40example.com&password=p%26ss%3Dw%2Brd+%C3%A9%25%2F%3F&grant_type=password");
        var form = new FormReader(body).ReadForm();
        form["username"].ToString().ShouldBe(userName);
        form["password"].ToString().ShouldBe(password);
        form["grant_type"].ToString().ShouldBe("password");
    }

    [Fact]
    public async Task FincodeTokenResponseKeepsUndeclaredOAuthMembersInAdditionalProperties()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, OAuthTokenJson);
        var client = CreateClient(server);

        var response = await client.PostOauthTokenAsync(new PostOauthTokenRequest { Username = "merchant01", Password = "hunter2", GrantType = PostOauthTokenRequestGrantType.Password });

        response.Status.ShouldBeNull();
        response.Message.ShouldBeNull();
        response.Data.ShouldBeNull();
        var extra = response.AdditionalProperties.ShouldNotBeNull();
        extra.Count.ShouldBe(5);
        extra["access_token"].GetString().ShouldBe("eyJhbGciOiJSUzI1NiJ9.fincode-access.sig");
        extra["token_type"].GetString().ShouldBe("bearer");
        extra["refresh_token"].GetString().ShouldBe("fincode-refresh-7ad1");
        extra["expires_in"].GetInt32().ShouldBe(3599);
        extra["scope"].GetString().ShouldBe("read write");
        response.ToString().ShouldNotContain("fincode-access");
        response.ToString().ShouldNotContain("fincode-refresh");
    }

    [Fact]
    public async Task FincodeDocumentedResponseShapeReadsNullableMemberAsNull()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"status":"SUCCESS","message":"Account validated","errorCode":0,"data":{"accountNumber":"0123456789","accountName":"Ada Obi","accountCurrency":"NGN","receiverMobileNumber":null}}""");
        var client = CreateClient(server);

        var response = await client.PostOauthTokenAsync(new PostOauthTokenRequest { Username = "merchant01", Password = "hunter2", GrantType = PostOauthTokenRequestGrantType.Password });

        response.Status.ShouldBe(PostOauthTokenResponseStatus.Success);
        response.Message.ShouldBe("Account validated");
        response.ErrorCode.ShouldBe(0L);
        var data = response.Data.ShouldNotBeNull();
        data.AccountNumber.ShouldBe("0123456789");
        data.AccountName.ShouldBe("Ada Obi");
        data.AccountCurrency.ShouldBe("NGN");
        data.ReceiverMobileNumber.ShouldBeNull();
        data.AdditionalProperties.ShouldBeNull("an explicit null of a declared member is not an unknown member");
        response.AdditionalProperties.ShouldBeNull();
    }

    [Fact]
    public async Task FincodeUnlistedEnumValueIsKeptAsSent()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"status":"PENDING","message":"later"}""");
        var client = CreateClient(server);

        var response = await client.PostOauthTokenAsync(new PostOauthTokenRequest { Username = "u", Password = "p", GrantType = PostOauthTokenRequestGrantType.Password });

        response.Status.ShouldNotBeNull().ToWireValue().ShouldBe("PENDING");
        response.Status.Value.IsKnown.ShouldBeFalse();
        (response.Status == PostOauthTokenResponseStatus.Success).ShouldBeFalse();
    }

    [Fact]
    public async Task FincodeOAuthErrorGivesPlainApiExceptionWithTheBody()
    {
        const string body = """{"error":"invalid_grant","error_description":"Bad credentials"}""";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(400, body);
        var client = CreateClient(server);

        var exception = await Wire.ThrowsAsync<ApiException>(() => client.PostOauthTokenAsync(new PostOauthTokenRequest { Username = "merchant01", Password = "hunter2", GrantType = PostOauthTokenRequestGrantType.Password }));

        exception.GetType().ShouldBe(typeof(ApiException), "the spec declares no error responses");
        exception.StatusCode.ShouldBe(400);
        exception.ApiName.ShouldBe(FincodeClient.ApiName);
        exception.OperationId.ShouldBe("post/oauth/token");
        exception.ResponseBody.ShouldBe(body);
        exception.Message.ShouldNotContain("Bad credentials");
    }

    [Fact]
    public async Task FincodeTokenRequestWithoutBodySendsNoContent()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, OAuthTokenJson);
        var client = CreateClient(server);

        await client.PostOauthTokenAsync();

        var request = server.SingleRequest;
        request.Method.ShouldBe("POST");
        request.Body.ShouldBeEmpty();
        request.Header("Content-Type").ShouldBeNull();
        request.Header("Authorization").ShouldBe("Basic ZmluY29kZS1jbGllbnQ6ZmluY29kZSBzM2NyZXQ=");
    }

    private static FincodeClient CreateClient(RecordingServer server) =>
        new(server.CreateHttpClient(), new FincodeClientOptions { BaseAddress = server.Uri, BasicAuthUsername = ClientId, BasicAuthPassword = ClientSecret });
}
