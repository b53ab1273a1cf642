using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Shouldly;
using SpecClients.Runtime.Json;
using Xunit;

namespace SpecClients.Runtime.Tests.Json;

/// <summary>Serializing through the pooled writer: every call gets exactly its own output, whatever came before.</summary>
public sealed class JsonWriteTests
{
    [Fact]
    public void OutputLargerThanTheFirstBufferIsWrittenWhole()
    {
        var items = Enumerable.Range(0, 5_000).Select(i => "item-" + i).ToArray();

        var bytes = JsonWrite.ToUtf8Bytes(items, static (w, v) => JsonWrite.Array(w, v, static (w2, s) => w2.WriteStringValue(s)));

        JsonSerializer.Deserialize<string[]>(bytes).ShouldBe(items);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("+05:30 & <b>", "+05:30 & <b>")]
    [InlineData("caf\u00e9", "caf\u00e9")]
    [InlineData("say \"hi\"\\", "say \\\"hi\\\"\\\\")]
    [InlineData("line\nbreak", "line\\nbreak")]
    public void PreEncodedNamesAreEscapedAsTheWritersEscapeEverythingElse(string name, string onTheWire)
    {
        // Generated converters write member names encoded once (JsonWrite.Name); they must come out as the writer's own
        // relaxed escaping would write them: only what JSON requires is escaped.
        var encoded = JsonWrite.Name(Encoding.UTF8.GetBytes(name));

        var json = JsonWrite.ToUtf8Bytes(encoded, static (w, n) =>
        {
            w.WriteStartObject();
            w.WriteNumber(n, 1);
            w.WriteEndObject();
        });

        Encoding.UTF8.GetString(json).ShouldBe("{\"" + onTheWire + "\":1}");
        JsonDocument.Parse(json).RootElement.EnumerateObject().Single().Name.ShouldBe(name);
    }

    [Fact]
    public void CollectionsOfEveryShapeAreWrittenInOrderWithNulls()
    {
        static System.Collections.Generic.IEnumerable<string?> Lazy()
        {
            yield return "a";
            yield return null;
        }

        var list = new System.Collections.Generic.List<string?> { "x", null, "y" };
        var dictionary = new System.Collections.Generic.Dictionary<string, string?> { ["k"] = "v", ["n"] = null };
        var sorted = new System.Collections.Generic.SortedDictionary<string, string?> { ["b"] = "2", ["a"] = null };
        JsonWriteAction<string?> item = static (w, v) => w.WriteStringValue(v);

        Json(w => JsonWrite.Array(w, list, item)).ShouldBe("[\"x\",null,\"y\"]");
        Json(w => JsonWrite.Array(w, Lazy(), item)).ShouldBe("[\"a\",null]");
        Json(w => JsonWrite.Map(w, dictionary, item)).ShouldBe("{\"k\":\"v\",\"n\":null}");
        Json(w => JsonWrite.Map(w, sorted, item)).ShouldBe("{\"a\":null,\"b\":\"2\"}");
    }

    [Fact]
    public void ConsecutiveCallsDoNotSeeEachOthersOutput()
    {
        var large = JsonWrite.ToUtf8Bytes(new string('x', 20_000), static (w, v) => w.WriteStringValue(v));
        var small = JsonWrite.ToUtf8Bytes(7, static (w, v) => w.WriteNumberValue(v));

        large.Length.ShouldBe(20_002);
        Encoding.UTF8.GetString(small).ShouldBe("7");
        JsonWrite.ToJsonString("+05:30", static (w, v) => w.WriteStringValue(v)).ShouldBe("\"+05:30\"");
    }

    [Fact]
    public void AWriteThatThrowsLeavesTheNextCallClean()
    {
        Should.Throw<InvalidOperationException>(() => JsonWrite.ToUtf8Bytes(1, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("half", "written");
            throw new InvalidOperationException("boom");
        }));

        Encoding.UTF8.GetString(JsonWrite.ToUtf8Bytes(true, static (w, v) => w.WriteBooleanValue(v))).ShouldBe("true");
    }

    [Fact]
    public void ANestedSerializationInsideAWriteGetsAWriterOfItsOwn()
    {
        var json = JsonWrite.ToJsonString("outer", static (w, v) =>
        {
            w.WriteStartObject();
            w.WriteString("inner", JsonWrite.ToJsonString(42, static (w2, n) => w2.WriteNumberValue(n)));
            w.WriteString("name", v);
            w.WriteEndObject();
        });

        json.ShouldBe("{\"inner\":\"42\",\"name\":\"outer\"}");
    }

    private static string Json(Action<Utf8JsonWriter> write) => JsonWrite.ToJsonString(write, static (w, v) => v(w));
}
