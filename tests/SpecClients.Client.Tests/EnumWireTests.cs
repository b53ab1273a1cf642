using System.Threading.Tasks;
using Providers.Enums;
using Providers.EnumsStrict;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Runtime.Http;
using SpecClients.Runtime.Json;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

/// <summary>
/// Enums as APIs ship them (issue 11 point 6): a value the spec does not list is read, kept and written back byte for
/// byte, and sent as itself in parameters; strict enums (chosen per spec) still reject it with a typed exception; a
/// 3.1 <c>oneOf</c> of <c>const</c>s is an enum whose members are named by their titles.
/// </summary>
public sealed class EnumWireTests
{
    [Fact]
    public void UnlistedStringAndIntegerValuesAreReadKeptAndWrittenBackByteForByte()
    {
        const string json = """{"status":"archived","priority":42,"color":"ultraviolet","history":["active","paused"]}""";

        var ticket = Wire.Read(json, Ticket.JsonConverter.ReadValue);

        ticket.Status.ToWireValue().ShouldBe("archived");
        ticket.Status.IsKnown.ShouldBeFalse();
        ticket.Priority.ToWireNumber().ShouldBe(42);
        ticket.Priority.IsKnown.ShouldBeFalse();
        ticket.Color!.Value.ToWireValue().ShouldBe("ultraviolet");
        ticket.History![0].ShouldBe(Status.Active);
        ticket.History[1].ShouldBe(new Status("paused"));
        Wire.Write(ticket, Ticket.JsonConverter.WriteValue).ShouldBe(json);
    }

    [Fact]
    public void ListedValuesReadAsTheirNamedMembers()
    {
        var ticket = Wire.Read("""{"status":"inactive","priority":5,"color":"r"}""", Ticket.JsonConverter.ReadValue);

        ticket.Status.ShouldBe(Status.Inactive);
        ticket.Status.IsKnown.ShouldBeTrue();
        ticket.Priority.ShouldBe(Priority.High);
        ticket.Color.ShouldBe(Color.Red);
        (ticket.Status == new Status("Inactive")).ShouldBeFalse("wire values compare exactly, case included");
    }

    [Fact]
    public async Task UnlistedEnumValuesAreSentAsThemselvesInPathQueryAndHeaderParameters()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, "[]");
        var client = new EnumsClient(server.CreateHttpClient(), new EnumsClientOptions { BaseAddress = server.Uri });

        await client.ListTicketsAsync(new Status("archived"), priority: new Priority(42), colors: [Color.Green, new Color("uv")], xStatus: new Status("paused"));

        server.SingleRequest.PathAndQuery.ShouldBe("/tickets/archived?priority=42&colors=g&colors=uv");
        server.SingleRequest.Header("X-Status").ShouldBe("paused");
    }

    [Fact]
    public void StrictEnumsRejectAnUnlistedValueWithATypedException()
    {
        Wire.Read("""{"state":"done","priority":5}""", Job.JsonConverter.ReadValue).State.ShouldBe(JobState.Done);

        var text = Should.Throw<UnknownEnumValueException>(() => Wire.Read("""{"state":"cancelled","priority":1}""", Job.JsonConverter.ReadValue));
        text.Value.ShouldBe("cancelled");
        text.EnumName.ShouldBe("JobState");
        text.Member.ShouldBe("state");
        text.Message.ShouldNotContain("cancelled", customMessage: "the message names the member, never the value");

        var number = Should.Throw<UnknownEnumValueException>(() => Wire.Read("""{"state":"done","priority":3}""", Job.JsonConverter.ReadValue));
        number.Value.ShouldBe("3");
        number.EnumName.ShouldBe("JobPriority");
    }

    [Fact]
    public async Task StrictEnumsMakeAResponseWithAnUnlistedValueAFormatErrorNamingTheMember()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(200, """[{"state":"cancelled","priority":1}]""");
        var client = new EnumsStrictClient(server.CreateHttpClient(), new EnumsStrictClientOptions { BaseAddress = server.Uri });

        var exception = await Wire.ThrowsAsync<ApiResponseFormatException>(() => client.ListJobsAsync());

        exception.Message.ShouldContain("'state'");
        exception.Message.ShouldContain("JobState");
        exception.Message.ShouldNotContain("cancelled");
        exception.InnerException.ShouldBeOfType<UnknownEnumValueException>().Value.ShouldBe("cancelled");
    }

    [Fact]
    public void StrictIntegerEnumsCarryTheirWireValues()
    {
        ((long)JobPriority.High).ShouldBe(5);
        Wire.Write(new Job { State = JobState.Queued, Priority = JobPriority.High }, Job.JsonConverter.WriteValue).ShouldBe("""{"state":"queued","priority":5}""");
    }
}
