using System.Linq;
using System.Text.Json;
using Shouldly;
using SpecClients.Runtime.Json;
using Xunit;

namespace SpecClients.Runtime.Tests.Json;

public sealed class JsonUnionTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static readonly UnionShape Payment = new(
        "type",
        new UnionCase(JsonKinds.Object, required: new[] { "type", "number" }, known: new[] { "type", "number", "cvc" }, constraints: new[] { new UnionConstraint("type", "card") }, discriminatorValues: new[] { "card" }),
        new UnionCase(JsonKinds.Object, required: new[] { "type" }, known: new[] { "type", "issuer" }, constraints: new[] { new UnionConstraint("type", "ideal") }),
        new UnionCase(JsonKinds.String, values: new[] { "" }),
        new UnionCase(JsonKinds.String, format: "date-time"),
        new UnionCase(JsonKinds.Integer),
        new UnionCase(JsonKinds.Number));

    [Theory]
    [InlineData("""{"type":"card","number":"4111"}""", 0)]
    [InlineData("""{"type":"ideal","issuer":"ing"}""", 1)]
    [InlineData("\"\"", 2)]
    [InlineData("\"2024-05-01T10:00:00Z\"", 3)]
    [InlineData("12", 4)]
    [InlineData("12.5", 5)]
    [InlineData("\"other\"", -1)]
    [InlineData("""{"type":"bitcoin"}""", -1)]
    [InlineData("true", -1)]
    public void ClassifyPicksTheBranchTheValueFits(string json, int expected)
    {
        JsonUnion.Classify(Parse(json), Payment).ShouldBe(expected);
    }

    [Fact]
    public void TheDiscriminatorWinsOverShape()
    {
        // Members of the second branch, but the discriminator names the first.
        JsonUnion.Classify(Parse("""{"type":"card","issuer":"ing"}"""), Payment).ShouldBe(0);
    }

    [Fact]
    public void ElementEqualityIgnoresMemberOrderAndNumberNotation()
    {
        JsonUnion.ElementEquals(Parse("""{"a":1.50,"b":[1,2]}"""), Parse("""{"b":[1,2.0],"a":1.5}""")).ShouldBeTrue();
        JsonUnion.ElementHashCode(Parse("""{"a":1.50}""")).ShouldBe(JsonUnion.ElementHashCode(Parse("""{"a":1.5}""")));
        JsonUnion.ElementEquals(Parse("""{"a":1}"""), Parse("""{"a":1,"b":null}""")).ShouldBeFalse();
    }

    [Fact]
    public void ReadReturnsNullForAnotherKindOrAFailedRead()
    {
        JsonUnion.Read(Parse("12"), JsonKinds.String, static (ref Utf8JsonReader r) => JsonRead.String(ref r, "T", "m")).ShouldBeNull();
        JsonUnion.TryRead(Parse("\"x\""), JsonKinds.String, static (ref Utf8JsonReader r) => JsonRead.Int64(ref r, "T", "m"), out _).ShouldBeFalse();
        JsonUnion.TryRead(Parse("7"), JsonKinds.Integer, static (ref Utf8JsonReader r) => JsonRead.Int64(ref r, "T", "m"), out var value).ShouldBeTrue();
        value.ShouldBe(7);
    }

    [Fact]
    public void DeepObjectNestsObjectsAndArraysAsStripeReadsThem()
    {
        var pairs = ParameterFormat.DeepObject("card", Parse("""{"number":"4242","exp":{"month":12},"tags":["a","b"],"items":[{"price":"p_1"}],"gone":null,"ok":true}"""));

        pairs.Select(p => p.Key + "=" + p.Value).ShouldBe(new[]
        {
            "card[number]=4242", "card[exp][month]=12", "card[tags][0]=a", "card[tags][1]=b", "card[items][0][price]=p_1", "card[ok]=true",
        });
    }
}
