using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Shouldly;
using SpecClients.Runtime.Json;
using Xunit;

namespace SpecClients.Runtime.Tests.Json;

/// <summary>The member writers generated converters call: a value as <see cref="Utf8JsonWriter"/> writes it, null left out.</summary>
public sealed class JsonWriteMemberTests
{
    private static readonly JsonMembers Names = new("All", new[] { "s", "t", "g", "i", "l", "f", "d", "m", "b", "y" });

    private static string Write(Action<Utf8JsonWriter> members)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Values_are_written_as_the_writer_writes_them()
    {
        var json = Write(w =>
        {
            JsonWrite.StringMember(w, Names[0], "a\"b");
            JsonWrite.DateTimeOffsetMember(w, Names[1], new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(5.5)));
            JsonWrite.GuidMember(w, Names[2], Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"));
            JsonWrite.Int32Member(w, Names[3], -7);
            JsonWrite.Int64Member(w, Names[4], 9_007_199_254_740_993L);
            JsonWrite.SingleMember(w, Names[5], 1.5f);
            JsonWrite.DoubleMember(w, Names[6], 0.1);
            JsonWrite.DecimalMember(w, Names[7], 12.50m);
            JsonWrite.BooleanMember(w, Names[8], false);
            JsonWrite.BytesMember(w, Names[9], new byte[] { 1, 2, 255 });
        });

        json.ShouldBe("""{"s":"a\u0022b","t":"2024-05-01T10:00:00+05:30","g":"0f8fad5b-d9cb-469f-a165-70867728950e","i":-7,"l":9007199254740993,"f":1.5,"d":0.1,"m":12.50,"b":false,"y":"AQL/"}""");
    }

    [Fact]
    public void Null_values_leave_the_member_out()
    {
        var json = Write(w =>
        {
            JsonWrite.StringMember(w, Names[0], null);
            JsonWrite.DateTimeOffsetMember(w, Names[1], null);
            JsonWrite.GuidMember(w, Names[2], null);
            JsonWrite.Int32Member(w, Names[3], null);
            JsonWrite.Int64Member(w, Names[4], null);
            JsonWrite.SingleMember(w, Names[5], null);
            JsonWrite.DoubleMember(w, Names[6], null);
            JsonWrite.DecimalMember(w, Names[7], null);
            JsonWrite.BooleanMember(w, Names[8], null);
            JsonWrite.BytesMember(w, Names[9], null);
        });

        json.ShouldBe("{}");
    }
}
