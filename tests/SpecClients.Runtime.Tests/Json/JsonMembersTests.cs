using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Shouldly;
using SpecClients.Runtime.Json;
using Xunit;

namespace SpecClients.Runtime.Tests.Json;

public sealed class JsonMembersTests
{
    private static readonly JsonMembers Order = new("Order", new[] { "id", "amount", "currency", "déjà" }, new[] { 0, 2 });

    /// <summary>Reads an object the way a generated converter does: (index or name, value text) per member.</summary>
    private static (List<string> Members, JsonMemberSet Seen) ReadAll(JsonMembers members, ref Utf8JsonReader reader)
    {
        reader.Read();
        var read = new List<string>();
        var seen = default(JsonMemberSet);
        while (members.Next(ref reader, ref seen, out var index))
        {
            if (index >= 0)
            {
                read.Add(index + "=" + Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()) switch { var t when reader.TokenType == JsonTokenType.String => "\"" + t + "\"", var t => t });
                continue;
            }

            var name = reader.GetString()!;
            reader.Read();
            reader.Skip();
            read.Add("?" + name);
        }

        return (read, seen);
    }

    private static (List<string> Members, JsonMemberSet Seen) ReadAll(JsonMembers members, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        return ReadAll(members, ref reader);
    }

    [Fact]
    public void Declared_members_are_found_by_name_in_any_order_and_others_are_left_at_their_name()
    {
        var (read, seen) = ReadAll(Order, """{"currency":"EUR","extra":{"a":[1]},"id":"o1","amount":5}""");

        read.ShouldBe(new[] { "2=\"EUR\"", "?extra", "0=\"o1\"", "1=5" });
        Order.EnsureRequired(in seen);
    }

    [Fact]
    public void Escaped_and_non_ascii_names_match_as_their_unescaped_text()
    {
        var (read, _) = ReadAll(Order, """{"\u0069d":"o1","d\u00e9j\u00e0":true,"déjà":false,"ID":1}""");

        read.ShouldBe(new[] { "0=\"o1\"", "3=true", "3=false", "?ID" });
    }

    [Fact]
    public void A_name_split_across_buffer_segments_is_found()
    {
        var first = new Segment(Encoding.UTF8.GetBytes("""{"curr"""));
        var last = first.Append(Encoding.UTF8.GetBytes("""ency":"EUR"}"""));
        var reader = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        ReadAll(Order, ref reader).Members.ShouldBe(new[] { "2=\"EUR\"" });
    }

    [Fact]
    public void A_missing_required_member_is_named_in_the_error()
    {
        var (_, seen) = ReadAll(Order, """{"id":"o1","amount":5}""");

        Should.Throw<JsonException>(() => Order.EnsureRequired(in seen)).Message.ShouldBe("Required member 'currency' of 'Order' is missing.");
        Order.NullMember(1).Message.ShouldBe("Member 'amount' of 'Order' is null but the schema does not allow null.");
    }

    [Fact]
    public void Members_past_the_first_64_are_tracked_and_required()
    {
        var names = Enumerable.Range(0, 150).Select(i => "m" + i).ToArray();
        var members = new JsonMembers("Wide", names, new[] { 3, 70, 149 });
        var json = "{" + string.Join(",", names.Where(n => n != "m149").Select(n => $"\"{n}\":1")) + "}";

        var (read, seen) = ReadAll(members, json);

        read.Count.ShouldBe(149);
        read[130].ShouldBe("130=1");
        Should.Throw<JsonException>(() => members.EnsureRequired(in seen)).Message.ShouldContain("'m149'");
        ReadAll(members, json.TrimEnd('}') + ",\"m149\":2}").Seen.ShouldSatisfyAllConditions(s => members.EnsureRequired(in s));
    }

    [Fact]
    public void Names_are_encoded_for_writing_as_the_writers_escape_them()
    {
        var members = new JsonMembers("Odd", new[] { "a+b", "<tag>", "quote\"" });
        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            for (var i = 0; i < members.Count; i++)
            {
                writer.WriteNumber(members[i], i);
            }

            writer.WriteEndObject();
        }

        Encoding.UTF8.GetString(stream.ToArray()).ShouldBe("""{"a+b":0,"<tag>":1,"quote\"":2}""");
    }

    [Fact]
    public void Record_text_prints_members_masks_secrets_and_counts_kept_members()
    {
        var builder = new StringBuilder();
        var kept = new Dictionary<string, JsonElement> { ["x"] = default, ["y"] = default };

        RecordText.Print(
            builder,
            new[] { "Id", "Amount", "Secret", "Pin", "Empty", "AdditionalProperties" },
            new object?[] { "o1", 5L, RecordText.Mask("hunter2"), RecordText.Masked, RecordText.Mask(null), RecordText.MemberCount(kept) }).ShouldBeTrue();

        builder.ToString().ShouldBe("Id = o1, Amount = 5, Secret = ***, Pin = ***, Empty = null, AdditionalProperties = 2 member(s)");
        RecordText.MemberCount<int>(null).ShouldBe("null");
    }

    [Fact]
    public void Looking_members_up_allocates_nothing()
    {
        var json = Encoding.UTF8.GetBytes("""{"currency":"EUR","id":"o1","amount":5,"d\u00e9j\u00e0":1,"other":2}""");
        var found = CountMembers(json);
        var before = System.GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            found += CountMembers(json);
        }

        (System.GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        found.ShouldBe(101 * 4);
    }

    private static int CountMembers(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var seen = default(JsonMemberSet);
        var found = 0;
        while (Order.Next(ref reader, ref seen, out var index))
        {
            if (index < 0)
            {
                reader.Read();
            }
            else
            {
                found++;
            }

            reader.Skip();
        }

        Order.EnsureRequired(in seen);
        return found;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
