using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Http;
using SpecClients.Runtime.Json;
using Xunit;

namespace SpecClients.Runtime.Tests.Http;

/// <summary>
/// The error responses an operation declares, as generated clients share them: an exact status wins over a range, a
/// range over <c>default</c>; a status none of them covers, or a body that does not read, gives an untyped exception.
/// </summary>
public sealed class ApiErrorResponsesTests
{
    private static readonly ApiErrorResponses Declared = ApiErrorResponses.Untyped
        .Status(404, ReadTagged("exact"))
        .Range(4, ReadTagged("range"))
        .Otherwise(ReadTagged("default"));

    [Theory]
    [InlineData(404, "exact")]
    [InlineData(400, "range")]
    [InlineData(499, "range")]
    [InlineData(500, "default")]
    [InlineData(302, "default")]
    public async Task TheMostSpecificDeclaredResponseReadsTheBody(int status, string expected)
    {
        var exception = Declared.CreateException(await Response(status, """{"message":"no"}"""));

        exception.StatusCode.ShouldBe(status);
        exception.ShouldBeOfType<ApiException<string>>().Error.ShouldBe(expected + ":no");
    }

    [Fact]
    public async Task TheOrderTheyAreDeclaredInDoesNotMatterAndTheFirstOfTwoEqualStatusesWins()
    {
        var errors = ApiErrorResponses.Untyped.Otherwise(ReadTagged("default")).Range(5, ReadTagged("range")).Status(503, ReadTagged("first")).Status(503, ReadTagged("second"));

        errors.CreateException(await Response(503, """{"message":"x"}""")).ShouldBeOfType<ApiException<string>>().Error.ShouldBe("first:x");
        errors.CreateException(await Response(500, """{"message":"x"}""")).ShouldBeOfType<ApiException<string>>().Error.ShouldBe("range:x");
    }

    [Fact]
    public async Task AStatusWithoutADeclaredBodyOrABodyThatDoesNotReadIsAnUntypedExceptionWithTheText()
    {
        var exact = ApiErrorResponses.Untyped.Status(404, ReadTagged("exact"));

        var undeclared = exact.CreateException(await Response(500, """{"message":"boom"}"""));
        undeclared.GetType().ShouldBe(typeof(ApiException));
        undeclared.StatusCode.ShouldBe(500);

        var html = exact.CreateException(await Response(404, "<html>not found</html>"));
        html.GetType().ShouldBe(typeof(ApiException));
        html.ResponseBody.ShouldBe("<html>not found</html>");

        ApiErrorResponses.Untyped.CreateException(await Response(404, """{"message":"no"}""")).GetType().ShouldBe(typeof(ApiException));
    }

    [Fact]
    public void BuildingIsImmutableAndChecksItsArguments()
    {
        var before = ApiErrorResponses.Untyped;
        var after = before.Status(404, ReadTagged("exact"));

        after.ShouldNotBeSameAs(before);
        Should.Throw<ArgumentOutOfRangeException>(() => before.Status(99, ReadTagged("x")));
        Should.Throw<ArgumentOutOfRangeException>(() => before.Range(6, ReadTagged("x")));
        Should.Throw<ArgumentNullException>(() => before.Otherwise<string>(null!));
        Should.Throw<ArgumentNullException>(() => before.CreateException(null!));
    }

    [Fact]
    public async Task ACallFailsWithTheDeclaredExceptionAndSucceedsWithTheReadValue()
    {
        using var handler = new StatusHandler();
        using var http = new HttpClient(handler);
        var core = new ApiClientCore(http, "Api", _ => new Uri("https://api.example/"), new SpecClients.Runtime.Auth.Generated.RequestAuthorizer(Array.Empty<SpecClients.Runtime.Auth.IRequestAuthenticator>()));

        handler.Status = HttpStatusCode.OK;
        (await core.CallJsonAsync(new ApiRequest("op", HttpMethod.Get, "/x"), ReadTagged("ok"), Declared, CancellationToken.None)).ShouldBe("ok:fine");
        (await core.CallTextAsync(new ApiRequest("op", HttpMethod.Get, "/x"), Declared, CancellationToken.None)).ShouldBe("""{"message":"fine"}""");
        (await core.CallBytesAsync(new ApiRequest("op", HttpMethod.Get, "/x"), Declared, CancellationToken.None)).ShouldBe(Encoding.UTF8.GetBytes("""{"message":"fine"}"""));
        await core.CallAsync(new ApiRequest("op", HttpMethod.Get, "/x"), Declared, CancellationToken.None);

        handler.Status = HttpStatusCode.NotFound;
        var failed = await Should.ThrowAsync<ApiException<string>>(() => core.CallJsonAsync(new ApiRequest("op", HttpMethod.Get, "/x"), ReadTagged("ok"), Declared, CancellationToken.None));
        failed.Error.ShouldBe("exact:fine");
        await Should.ThrowAsync<ApiException<string>>(() => core.CallAsync(new ApiRequest("op", HttpMethod.Get, "/x"), Declared, CancellationToken.None));
        await Should.ThrowAsync<ArgumentNullException>(() => core.CallAsync(new ApiRequest("op", HttpMethod.Get, "/x"), null!, CancellationToken.None));
    }

    /// <summary>Reads <c>{"message": m}</c> as <c>"tag:m"</c>, so a test sees which reader ran.</summary>
    private static JsonReadFunc<string> ReadTagged(string tag) => (ref Utf8JsonReader reader) =>
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return tag + ":" + document.RootElement.GetProperty("message").GetString();
    };

    private static async Task<ApiResponse> Response(int status, string body)
    {
        using var message = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await ApiResponse.ReadAsync(message, "Api", "op", 1_000_000, CancellationToken.None);
    }

    private sealed class StatusHandler : HttpMessageHandler
    {
        public HttpStatusCode Status { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(Status) { Content = new StringContent("""{"message":"fine"}""", Encoding.UTF8, "application/json") });
    }
}
