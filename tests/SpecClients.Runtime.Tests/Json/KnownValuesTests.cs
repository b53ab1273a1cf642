using Shouldly;
using SpecClients.Runtime.Json;
using Xunit;

namespace SpecClients.Runtime.Tests.Json;

public sealed class KnownValuesTests
{
    [Fact]
    public void TextIsKnownOnlyAsWrittenCaseIncluded()
    {
        var known = new KnownValues<string>("pending", "Succeeded", "failed", "ä-umlaut");

        known.Contains("Succeeded").ShouldBeTrue();
        known.Contains("pending").ShouldBeTrue();
        known.Contains("ä-umlaut").ShouldBeTrue();
        known.Contains("succeeded").ShouldBeFalse();
        known.Contains("Pending").ShouldBeFalse();
        known.Contains("a-umlaut").ShouldBeFalse();
        known.Contains(string.Empty).ShouldBeFalse();
        known.Contains(null).ShouldBeFalse();
    }

    [Fact]
    public void IntegersAreKnownInAnyOrder()
    {
        var known = new KnownValues<long>(30, -1, 10, long.MaxValue);

        known.Contains(-1).ShouldBeTrue();
        known.Contains(10).ShouldBeTrue();
        known.Contains(long.MaxValue).ShouldBeTrue();
        known.Contains(0).ShouldBeFalse();
        known.Contains(20).ShouldBeFalse();
    }

    [Fact]
    public void TheCallersArrayIsNotReordered()
    {
        var values = new[] { "b", "a" };

        new KnownValues<string>(values).Contains("a").ShouldBeTrue();
        values.ShouldBe(new[] { "b", "a" });
    }
}
