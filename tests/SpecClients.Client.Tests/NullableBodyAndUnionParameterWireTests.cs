using System.Text.Json;
using System.Threading.Tasks;
using Providers.NullableBodies;
using Providers.NullableBodies30;
using Providers.UnionParameters;
using Shouldly;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

/// <summary>
/// Bodies the spec declares nullable read and write JSON null (issue 11 point 4); union parameters are sent by the
/// branch they hold, not as JSON text (issue 11 point 5). Both against a loopback server.
/// </summary>
public sealed class NullableBodyAndUnionParameterWireTests
{
    [Fact]
    public async Task NullResponseBodiesReadAsNullWhereTheSpecAdmitsNull()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, "null");
        var client = new NullableBodiesClient(server.CreateHttpClient(), new NullableBodiesClientOptions { BaseAddress = server.Uri });
        var client30 = new NullableBodies30Client(server.CreateHttpClient(), new NullableBodies30ClientOptions { BaseAddress = server.Uri });

        (await client.GetListAsync()).ShouldBeNull();
        (await client.GetPetAsync()).ShouldBeNull();
        (await client.GetCountAsync()).ShouldBeNull();
        (await client30.GetOwnerAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task NullableResponseBodiesStillReadTheirValues()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """{"name":"Rex"}""");
        var client = new NullableBodiesClient(server.CreateHttpClient(), new NullableBodiesClientOptions { BaseAddress = server.Uri });

        (await client.GetPetAsync())!.Name.ShouldBe("Rex");
    }

    [Fact]
    public async Task NullRequestBodyIsSentAsJsonNullWhereTheSpecAdmitsNull()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = new NullableBodiesClient(server.CreateHttpClient(), new NullableBodiesClientOptions { BaseAddress = server.Uri });

        await client.PutPetAsync(null);
        await client.PutPetAsync(new Pet { Name = "Rex" });

        server.Requests[0].BodyText.ShouldBe("null");
        server.Requests[0].ContentType.ShouldStartWith("application/json");
        server.Requests[1].BodyText.ShouldBe("""{"name":"Rex"}""");
    }

    [Fact]
    public async Task UnionParametersHoldingArraysAreSentByTheirStyleNotAsJsonText()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = new UnionParametersClient(server.CreateHttpClient(), new UnionParametersClientOptions { BaseAddress = server.Uri });

        await client.ListItemsAsync(Union<ListItemsKeys>("""["a","b"]"""), ids: Union<ListItemsKeys>("""["1","2"]"""), codes: Union<ListItemsCodes>("[3,4]"), xTags: Union<ListItemsKeys>("""["x","y"]"""));
        await client.ListItemsAsync(Union<ListItemsKeys>("\"a\""), ids: Union<ListItemsKeys>("\"1\""), codes: Union<ListItemsCodes>("3"), xTags: Union<ListItemsKeys>("\"x\""));

        server.Requests[0].PathAndQuery.ShouldBe("/items/a%2Cb?ids=1&ids=2&codes=3%2C4");
        server.Requests[0].Header("X-Tags").ShouldBe("x,y");
        server.Requests[1].PathAndQuery.ShouldBe("/items/a?ids=1&codes=3");
        server.Requests[1].Header("X-Tags").ShouldBe("x");
    }

    private static T Union<T>(string json)
    {
        using var document = JsonDocument.Parse(json);
        return (T)typeof(T).GetMethod("FromElement")!.Invoke(null, new object[] { document.RootElement })!;
    }
}
