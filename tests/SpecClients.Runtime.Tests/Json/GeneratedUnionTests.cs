using System.Text.Json;
using Shouldly;
using SpecClients.Runtime.Json;
using Xunit;

namespace SpecClients.Runtime.Tests.Json;

public sealed class GeneratedUnionTests
{
    /// <summary>A union as the generator writes one: its constructor and branches, the rest from the base.</summary>
    private sealed class Limit : GeneratedUnion<Limit, Limit.Cases>
    {
        public Limit(string json, Cases @case)
            : base(JsonDocument.Parse(json).RootElement.Clone(), @case)
        {
        }

        public enum Cases
        {
            Unknown,
            Amount,
            Empty,
        }
    }

    [Fact]
    public void EqualityIsByJsonValueNotByTextOrBranch()
    {
        var left = new Limit("""{"value":1.50,"currency":"EUR"}""", Limit.Cases.Amount);
        var right = new Limit("""{"currency":"EUR","value":1.5}""", Limit.Cases.Amount);
        var other = new Limit("""{"value":2,"currency":"EUR"}""", Limit.Cases.Amount);

        (left == right).ShouldBeTrue();
        (left != right).ShouldBeFalse();
        left.Equals(right).ShouldBeTrue();
        left.Equals((object)right).ShouldBeTrue();
        left.GetHashCode().ShouldBe(right.GetHashCode());
        (left == other).ShouldBeFalse();
        left.Equals((object)other).ShouldBeFalse();
    }

    [Fact]
    public void NullComparesAsNull()
    {
        var value = new Limit("\"\"", Limit.Cases.Empty);
        Limit? none = null;

        (none == null).ShouldBeTrue();
        (value == none).ShouldBeFalse();
        (none != value).ShouldBeTrue();
        value.Equals(null).ShouldBeFalse();
        value.Equals((object?)null).ShouldBeFalse();
    }

    [Fact]
    public void KeepsTheValueAndBranchItWasGiven()
    {
        var value = new Limit("""{"value":1}""", Limit.Cases.Amount);

        value.Case.ShouldBe(Limit.Cases.Amount);
        value.Element.GetProperty("value").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void ToStringNamesTheBranchNeverTheValue()
    {
        var value = new Limit("""{"secret":"s3cr3t"}""", Limit.Cases.Unknown);

        value.ToString().ShouldBe("Limit { Case = Unknown }");
    }
}
