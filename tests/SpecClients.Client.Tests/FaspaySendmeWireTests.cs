using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Providers.FaspaySendme;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

public sealed class FaspaySendmeWireTests
{
    // 2024-01-02 03:04:05 in Jakarta (UTC+7), the instant of the published test vector.
    private static readonly DateTimeOffset VectorInstant = new(2024, 1, 1, 20, 4, 5, TimeSpan.Zero);

    private const string AccessToken = "rlUdeRhExemf/Fj1srv3GIBhN76boY7+faspay-secret-token";

    private const string TokenJson =
        """{"access_token":"rlUdeRhExemf/Fj1srv3GIBhN76boY7+faspay-secret-token","expired_in":"36000","status":"2","message":"Success","response_code":"00","response_desc":"success"}""";

    [Fact]
    public async Task FaspayTokenRequestCarriesTheFourSignedHeadersOfTheSigningHook()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, TokenJson);
        var client = CreateClient(server, new FaspaySigner());

        var response = await client.GetAccessTokenAsync();

        var request = server.SingleRequest;
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe("/account/api/tokens");
        request.Query.ShouldBe(string.Empty);
        request.Body.ShouldBeEmpty();
        request.Header("Content-Type").ShouldBe("application/json", "providers.md lists it beside Accept for the token request");
        request.Header("Accept").ShouldBe("application/json");
        request.Header("Authorization").ShouldBeNull();
        request.Header("faspay-key").ShouldBe(FaspaySigner.FaspayKey);
        request.Header("faspay-timestamp").ShouldBe("2024-01-02 03:04:05");
        request.Header("faspay-authorization").ShouldBe("VuW61ymBFPhtskdWBrUIpKHILdkUXx/P7O/znpfDmwzvpeFrDBlSzVGsR4yPUk15");
        request.Header("faspay-signature").ShouldBe(
            "qcjkUJ96UC8llVpymnBPATL4uxFMWzLVHjaauy4+Pf/An1AwsOUjlI3h+xCA0y9N1MBdPOgNccazfJ/rJniwAkqtoz7uoWbIiiyb5HmkCJPBanKRwTXqkj+T/VBLAPmhMZ4N6bTJTtx+DZEToMI95g==");

        response.AccessToken.ShouldBe(AccessToken);
        response.ExpiredIn.ShouldBe(36000, "Faspay sends every number as a JSON string");
        response.Status.ShouldBe("2");
        response.Message.ShouldBe("Success");
        response.ResponseCode.ShouldBe("00");
        response.ResponseDesc.ShouldBe("success");
        response.ToString().ShouldNotContain("faspay-secret-token");
    }

    [Fact]
    public async Task FaspaySignatureCoversTheSpecPathNotTheBaseAddressPath()
    {
        using var handler = new RecordingHandler(TokenJson);
        var client = new FaspaySendmeClient(
            handler.CreateHttpClient(),
            new FaspaySendmeClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/sendme-sandbox/") },
            new IRequestAuthenticator[] { new SigningAuthenticator("faspaySignature", new FaspaySigner(), clock: new FakeTimeProvider(VectorInstant)) });

        await client.GetAccessTokenAsync();

        var request = handler.Requests.ShouldHaveSingleItem();
        request.Uri.AbsoluteUri.ShouldBe("http://127.0.0.1:9/sendme-sandbox/account/api/tokens");
        request.Headers["faspay-signature"].ShouldBe(
            "qcjkUJ96UC8llVpymnBPATL4uxFMWzLVHjaauy4+Pf/An1AwsOUjlI3h+xCA0y9N1MBdPOgNccazfJ/rJniwAkqtoz7uoWbIiiyb5HmkCJPBanKRwTXqkj+T/VBLAPmhMZ4N6bTJTtx+DZEToMI95g==");
    }

    [Fact]
    public async Task FaspayBalanceReadsAmountsAsStringsAndSignsWithTheAccessToken()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"virtual_account":"9920000028","balance":"7897000.00","available_balance":"6897000.00","status":"2","message":"Success","response_code":"00","response_desc":"success"}""");
        var client = CreateClient(server, new FaspaySigner(AccessToken), new CarriedBySignatureAuthenticator("faspayAccessToken"));

        var response = await client.GetBalanceAsync("9920000028");

        var request = server.SingleRequest;
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe("/account/api/balance_inquiry/9920000028");
        request.Body.ShouldBeEmpty();
        request.Header("faspay-signature").ShouldBe(FaspaySigner.Aes(
            "GET:/account/api/balance_inquiry/9920000028:2024-01-02 03:04:05:" + FaspaySigner.TokenPart(AccessToken) + ":"));
        request.Header("Authorization").ShouldBeNull("the access token travels only inside the signature");
        request.Headers.Values.ShouldNotContain(AccessToken);

        response.VirtualAccount.ShouldBe("9920000028");
        response.Balance.ShouldBe("7897000.00");
        response.AvailableBalance.ShouldBe("6897000.00");
        response.Status.ShouldBe("2");
        response.ResponseCode.ShouldBe("00");
    }

    [Fact]
    public async Task FaspayBalanceEscapesTheVirtualAccount()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"status":"2","message":"Success"}""");
        var client = CreateClient(server, new FaspaySigner(AccessToken), new CarriedBySignatureAuthenticator("faspayAccessToken"));

        await client.GetBalanceAsync("99 2/0");

        server.SingleRequest.Path.ShouldBe("/account/api/balance_inquiry/99%202%2F0");
    }

    [Fact]
    public async Task FaspayBalanceWithoutTheAccessTokenSchemeFailsBeforeSending()
    {
        await using var server = await RecordingServer.StartAsync();
        var client = CreateClient(server, new FaspaySigner(AccessToken));

        var exception = await Wire.ThrowsAsync<InvalidOperationException>(() => client.GetBalanceAsync("9920000028"));

        exception.Message.ShouldContain("faspayAccessToken");
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task FaspayUnauthorizedStatusNineOnHttp200ReadsAsTokenResponse()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"status":"9","message":"Unauthorized","response_code":"41","response_desc":"invalid signature"}""");
        var client = CreateClient(server, new FaspaySigner());

        var response = await client.GetAccessTokenAsync();

        response.Status.ShouldBe("9");
        response.Message.ShouldBe("Unauthorized");
        response.AccessToken.ShouldBeNull();
        response.ExpiredIn.ShouldBeNull();
        response.ResponseCode.ShouldBe("41");
    }

    [Fact]
    public async Task FaspayExpiredInOfWrongTypeGivesFormatErrorNamingTheMemberWithoutTheToken()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"access_token":"rlUdeRhExemf/Fj1srv3GIBhN76boY7+faspay-secret-token","expired_in":true,"status":"2","message":"Success"}""");
        var client = CreateClient(server, new FaspaySigner());

        var exception = await Wire.ThrowsAsync<ApiResponseFormatException>(() => client.GetAccessTokenAsync());

        exception.StatusCode.ShouldBe(200);
        exception.OperationId.ShouldBe("getAccessToken");
        exception.Message.ShouldContain("'expired_in'");
        exception.Message.ShouldContain("'TokenResponse'");
        exception.Message.ShouldContain("a boolean");
        exception.ToString().ShouldNotContain("faspay-secret-token");
        exception.ResponseBody.ShouldBeNull();
    }

    [Fact]
    public async Task FaspayMissingRequiredStatusFailsClearly()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"access_token":"rlUdeRhExemf/Fj1srv3GIBhN76boY7+faspay-secret-token","expired_in":"36000","message":"Success"}""");
        var client = CreateClient(server, new FaspaySigner());

        var exception = await Wire.ThrowsAsync<ApiResponseFormatException>(() => client.GetAccessTokenAsync());

        exception.Message.ShouldEndWith("could not be read: Required member 'status' of 'TokenResponse' is missing.");
        exception.ToString().ShouldNotContain("faspay-secret-token");
    }

    [Fact]
    public async Task FaspayNullRequiredMessageFailsClearly()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"access_token":"rlUdeRhExemf/Fj1srv3GIBhN76boY7+faspay-secret-token","status":"2","message":null}""");
        var client = CreateClient(server, new FaspaySigner());

        var exception = await Wire.ThrowsAsync<ApiResponseFormatException>(() => client.GetAccessTokenAsync());

        exception.Message.ShouldEndWith("could not be read: Member 'message' of 'TokenResponse' is null but the schema does not allow null.");
        exception.ToString().ShouldNotContain("faspay-secret-token");
    }

    [Fact]
    public async Task FaspayHttpErrorGivesTypedErrorFromTheDefaultResponse()
    {
        const string body = """{"status":"9","message":"Unauthorized","response_code":"41","response_desc":"invalid signature"}""";
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(401, body);
        var client = CreateClient(server, new FaspaySigner());

        var exception = await Wire.ThrowsAsync<ApiException<ErrorResponse>>(() => client.GetAccessTokenAsync());

        exception.StatusCode.ShouldBe(401);
        exception.OperationId.ShouldBe("getAccessToken");
        exception.ResponseBody.ShouldBe(body);
        exception.Error.Status.ShouldBe("9");
        exception.Error.Message.ShouldBe("Unauthorized");
        exception.Error.ResponseCode.ShouldBe("41");
        exception.Error.ResponseDesc.ShouldBe("invalid signature");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task FaspaySigningHookIsToldWhichOperationItSigns()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, TokenJson);
        var signer = new FaspaySigner();
        var client = CreateClient(server, signer);

        await client.GetAccessTokenAsync();

        signer.Contexts.ShouldHaveSingleItem().OperationId.ShouldBe("getAccessToken");
    }

    private const string BalanceJson =
        """{"virtual_account":"9920000028","balance":"7897000.00","available_balance":"6897000.00","status":"2","message":"Success","response_code":"00","response_desc":"success"}""";

    // providers.md's test vector: aes("GET:/account/api/balance_inquiry:2024-01-02 03:04:05:<token part>:").
    private const string ServicePathSignature =
        "qcjkUJ96UC8llVpymnBPAU2KRkI+F4uP3fGyc4N3R9ieWwHvFkuDA75HE1DjJWMq6DP0gl2M6U9D5BwvWStoNAqm4dgFpDEM49I19IBrySMujYXRoyKUb8XyHAUxaB+Qn5g4KrzJ7SagDltFLbgNVQ==";

    // providers.md's test vector: aes("GET:/account/api/tokens:2024-01-02 03:04:05:<token part>:").
    private const string TokensPathSignature =
        "qcjkUJ96UC8llVpymnBPATL4uxFMWzLVHjaauy4+Pf/An1AwsOUjlI3h+xCA0y9N1MBdPOgNccazfJ/rJniwAkqtoz7uoWbIiiyb5HmkCJPBanKRwTXqkj+T/VBLAPmhMZ4N6bTJTtx+DZEToMI95g==";

    [Fact]
    public async Task FaspayTokenObtainedForTheBalanceIsSignedOverTheBalanceServicePathAsTheSdksDo()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJsonAt("/account/api/tokens", 200, TokenJson);
        server.RespondJsonAt("/account/api/balance_inquiry/9920000028", 200, BalanceJson);
        var signer = new FaspaySigner();
        var (client, _) = CreateAuthenticatedClient(server, signer);

        await client.GetBalanceAsync("9920000028");

        var tokenRequest = server.Requests.Single(r => r.Path == "/account/api/tokens");
        tokenRequest.Header("faspay-signature").ShouldBe(ServicePathSignature);
        var tokenContext = signer.Contexts.First();
        tokenContext.OperationId.ShouldBe("getAccessToken");
        tokenContext.TokenTarget.ShouldNotBeNull();
        tokenContext.TokenTarget.OperationId.ShouldBe("getBalance");
        tokenContext.TokenTarget.Path.ShouldBe("/account/api/balance_inquiry/{virtual_account}");
        signer.Contexts.Last().TokenTarget.ShouldBeNull("only the token request is made for another operation");
        server.Requests.Single(r => r.Path.StartsWith("/account/api/balance_inquiry/", StringComparison.Ordinal)).Header("faspay-signature")
            .ShouldBe(FaspaySigner.Aes("GET:/account/api/balance_inquiry/9920000028:2024-01-02 03:04:05:" + FaspaySigner.TokenPart(AccessToken) + ":"));
    }

    [Fact]
    public async Task FaspayTokenRequestCanBeSignedOverTheTokensPathTheDocsOtherReading()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJsonAt("/account/api/tokens", 200, TokenJson);
        server.RespondJsonAt("/account/api/balance_inquiry/9920000028", 200, BalanceJson);
        var (client, _) = CreateAuthenticatedClient(server, new FaspaySigner(tokensEndpointReading: true));

        await client.GetBalanceAsync("9920000028");

        server.Requests.Single(r => r.Path == "/account/api/tokens").Header("faspay-signature").ShouldBe(TokensPathSignature);
    }

    [Fact]
    public async Task FaspayTokensAreCachedPerTargetPathBecauseAServerMayTieThemToIt()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJsonAt("/account/api/tokens", 200, TokenJson);
        server.RespondJsonAt("/account/api/balance_inquiry/9920000028", 200, BalanceJson);
        server.RespondJsonAt("/account/api/balance_inquiry/9920000029", 200, BalanceJson);
        var (client, auth) = CreateAuthenticatedClient(server, new FaspaySigner());

        await client.GetBalanceAsync("9920000028");
        await client.GetBalanceAsync("9920000029");
        var balanceTarget = new TokenTarget("getBalance", "/account/api/balance_inquiry/{virtual_account}");
        await auth.FaspayAccessToken.ForTarget(balanceTarget).GetTokenAsync(System.Threading.CancellationToken.None);
        server.Requests.Count(r => r.Path == "/account/api/tokens").ShouldBe(1, "one service path, one token");

        var other = auth.FaspayAccessToken.ForTarget(new TokenTarget("getMutation", "/account/api/mutation/{virtual_account}"));
        var otherToken = await other.GetTokenAsync(System.Threading.CancellationToken.None);

        otherToken.Value.ShouldBe(AccessToken);
        var tokenRequests = server.Requests.Where(r => r.Path == "/account/api/tokens").ToList();
        tokenRequests.Count.ShouldBe(2, "another service path is another token, never the cached one");
        tokenRequests[1].Header("faspay-signature").ShouldBe(
            FaspaySigner.Aes("GET:/account/api/mutation:2024-01-02 03:04:05:" + FaspaySigner.TokenPart(null) + ":"));
        auth.FaspayAccessToken.ForTarget(balanceTarget).ShouldBeSameAs(auth.FaspayAccessToken.ForTarget(balanceTarget));
    }

    [Fact]
    public async Task FaspayRefusedTokenRequestThrowsWithFaspaysStatusMessageAndResponseCode()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJsonAt("/account/api/tokens", 200, """{"status":"9","message":"Invalid faspay-signature","response_code":"44","response_desc":"unauthorized"}""");
        var (client, _) = CreateAuthenticatedClient(server, new FaspaySigner());

        var exception = await Wire.ThrowsAsync<TokenResponseException>(() => client.GetBalanceAsync("9920000028"));

        exception.OperationId.ShouldBe("getAccessToken");
        var response = exception.Response.ShouldBeOfType<TokenResponse>();
        response.Status.ShouldBe("9");
        response.Message.ShouldBe("Invalid faspay-signature");
        response.ResponseCode.ShouldBe("44");
        exception.Message.ShouldContain("Status = 9");
        exception.Message.ShouldContain("Message = Invalid faspay-signature");
        exception.Message.ShouldContain("ResponseCode = 44");
        exception.ToString().ShouldNotContain(FaspaySigner.ClientSecret);
        exception.ToString().ShouldNotContain(FaspaySigner.FaspaySecret);
        server.Requests.ShouldAllBe(r => r.Path == "/account/api/tokens");
    }

    private static (FaspaySendmeClient Client, FaspaySendmeClientAuth Auth) CreateAuthenticatedClient(RecordingServer server, FaspaySigner signer)
    {
        var clock = new FakeTimeProvider(VectorInstant);
        var options = new FaspaySendmeClientOptions { BaseAddress = server.Uri, RequestSigner = signer };
        var auth = new FaspaySendmeClientAuth(options, server.CreateHttpClient, new AuthServices(new InMemoryTokenCache(clock), clock));
        return (new FaspaySendmeClient(server.CreateHttpClient(), options, auth), auth);
    }

    private static FaspaySendmeClient CreateClient(RecordingServer server, FaspaySigner signer, params IRequestAuthenticator[] more) =>
        new(
            server.CreateHttpClient(),
            new FaspaySendmeClientOptions { BaseAddress = server.Uri },
            more.Prepend(new SigningAuthenticator("faspaySignature", signer, clock: new FakeTimeProvider(VectorInstant))).ToArray());
}
