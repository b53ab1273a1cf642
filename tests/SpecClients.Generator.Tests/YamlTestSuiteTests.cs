using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.CodeAnalysis;
using Shouldly;
using SpecClients.Generator.Parsing;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>
/// The YAML reader against the official YAML test suite (github.com/yaml/yaml-test-suite, MIT; its data bundled in
/// <c>YamlTestSuite/cases.json</c> by <c>YamlTestSuite/bundle.py</c>). Every valid case must read as its JSON, every
/// invalid one must give SPC001, and nothing may throw anything else — except the deviations listed below, each with its
/// reason. A listed deviation that stops deviating fails too, so the list stays true (and docs/openapi-support.md with it).
/// </summary>
public sealed class YamlTestSuiteTests
{
    private const string ComplexKey = "a mapping or a sequence used as a mapping key: JSON, and so OpenAPI, keys are strings";
    private const string NoDocument = "a stream with no document (only comments or markers): the spec is empty, SPC005";
    private const string AfterFirstDocument = "invalid only after the first document: a spec is one document, the rest is not read";
    private const string YamlDotNetLenient = "invalid YAML that YamlDotNet reads anyway, with an obvious meaning";
    private const string BlankLineRetry =
        "a blank line more indented than the block scalar's content: invalid, but read once blank lines are emptied";

    /// <summary>Case id → (what happens, why). Outcomes: "SPC001", "SPC005", "accepted", "value differs".</summary>
    private static readonly Dictionary<string, (string Outcome, string Reason)> s_deviations = new(StringComparer.Ordinal)
    {
        ["4FJ6"] = ("SPC001", ComplexKey),
        ["6BFJ"] = ("SPC001", ComplexKey),
        ["6PBE"] = ("SPC001", ComplexKey),
        ["9MMW"] = ("SPC001", ComplexKey),
        ["KK5P"] = ("SPC001", ComplexKey),
        ["LX3P"] = ("SPC001", ComplexKey),
        ["M2N8/00"] = ("SPC001", ComplexKey),
        ["M2N8/01"] = ("SPC001", ComplexKey),
        ["M5DY"] = ("SPC001", ComplexKey),
        ["Q9WF"] = ("SPC001", ComplexKey),
        ["RZP5"] = ("SPC001", ComplexKey),
        ["SBG9"] = ("SPC001", ComplexKey),
        ["V9D5"] = ("SPC001", ComplexKey),
        ["X38W"] = ("SPC001", ComplexKey),
        ["XW4D"] = ("SPC001", ComplexKey),
        ["2JQS"] = ("SPC001", "two empty keys in one mapping: the same JSON key twice"),
        ["8G76"] = ("SPC005", NoDocument),
        ["98YD"] = ("SPC005", NoDocument),
        ["AVM7"] = ("SPC005", NoDocument),
        ["HWV9"] = ("SPC005", NoDocument),
        ["QT73"] = ("SPC005", NoDocument),
        ["4MUZ/02"] = ("SPC001", "YamlDotNet: a flow mapping's ':' on the line after its key"),
        ["VJP3/01"] = ("SPC001", "YamlDotNet: a flow mapping's ':' on the line after its key"),
        ["UKK6/00"] = ("SPC001", "YamlDotNet: '- :', an entry holding a mapping with an empty key and value"),
        ["JEF9/02"] = ("value differs", "YamlDotNet: a kept (|+) block scalar ending the stream with a line of spaces and no line break"),
        ["L24T/01"] = ("value differs", "YamlDotNet: a block scalar ending the stream with a line of spaces and no line break"),
        ["3HFZ"] = ("accepted", AfterFirstDocument),
        ["4H7K"] = ("accepted", AfterFirstDocument),
        ["EB22"] = ("accepted", AfterFirstDocument),
        ["MUS6/01"] = ("accepted", AfterFirstDocument),
        ["QLJ7"] = ("accepted", AfterFirstDocument),
        ["BS4K"] = ("accepted", YamlDotNetLenient),
        ["DK95/01"] = ("accepted", YamlDotNetLenient),
        ["MUS6/00"] = ("accepted", YamlDotNetLenient),
        ["Y79Y/003"] = ("accepted", YamlDotNetLenient),
        ["Y79Y/004"] = ("accepted", YamlDotNetLenient),
        ["Y79Y/005"] = ("accepted", YamlDotNetLenient),
        ["5LLU"] = ("accepted", BlankLineRetry),
        ["S98Z"] = ("accepted", BlankLineRetry),
        ["W9L4"] = ("accepted", BlankLineRetry),
        ["Y79Y/000"] = ("accepted", BlankLineRetry),
    };

    private static readonly Lazy<Dictionary<string, SuiteCase>> s_cases = new(LoadCases);

    public static TheoryData<string> CaseIds => new(s_cases.Value.Keys.OrderBy(id => id, StringComparer.Ordinal));

    [Fact]
    public void TheSuiteIsBundledWhole()
    {
        // 402 cases in the suite's data branch: a bundle that lost some would let deviations hide.
        s_cases.Value.Count.ShouldBe(402);
        s_deviations.Keys.Where(id => !s_cases.Value.ContainsKey(id)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void EachCaseReadsAsTheSuiteSaysOrDeviatesAsDocumented(string id)
    {
        var suiteCase = s_cases.Value[id];
        var outcome = Outcome(suiteCase);

        if (s_deviations.TryGetValue(id, out var deviation))
        {
            outcome.ShouldStartWith(deviation.Outcome, customMessage: $"{id} ({suiteCase.Name}) is listed as a deviation: {deviation.Reason}");
        }
        else
        {
            outcome.ShouldBe(suiteCase.Error ? "SPC001" : "read as expected", customMessage: $"{id} ({suiteCase.Name})");
        }
    }

    [Fact]
    public void AKeptBlockScalarWhoseOnlyLineIsBlankReads()
    {
        // YAML 1.2 §8.1.1.1: with no non-empty line, the longest blank line sets the indentation; YamlDotNet refuses it.
        var tree = YamlDocumentTree.Load("a: |+\n   \n\nb: 1\n", "/t.yaml", CancellationToken.None);

        tree.Json!.ToJsonString().ShouldBe("""{"a":"\n\n","b":1}""");
    }

    [Fact]
    public void ASpecWithABlankOnlyBlockScalarGeneratesAndItsDiagnosticsKeepTheirLines()
    {
        const string yaml = "openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\n  description: |+\n      \n\npaths:\n  /pets:\n    get:\n"
            + "      operationId: listPets\n      responses:\n        '200':\n          description: ok\n"
            + "  /pets:\n    post:\n      responses: {}\n";

        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/api.yaml"] = yaml });

        // The duplicate key on line 15 is still reported where it is: emptying blank lines moves no line or column.
        var diagnostic = result.SpecDiagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("SPC001");
        diagnostic.GetMessage().ShouldContain("duplicate key '/pets'");
        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(14);

        var valid = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/api.yaml"] = yaml.Substring(0, yaml.IndexOf("  /pets:\n    post", StringComparison.Ordinal)) });
        valid.SpecDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        valid.Sources.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("- !!str 12\n- !!str\n- ! 12\n- !!int '7'\n- !!null ''\n- !local true", """["12","",  "12",7,null,true]""")]
    [InlineData("- 0x1F\n- 0o17\n- 1.0\n- -3\n- .inf", """[31,15,1.0,-3,".inf"]""")]
    [InlineData("&k key: &v value\n*v : *k\nplain: *k", """{"key":"value","value":"key","plain":"key"}""")]
    public void TagsCoreSchemaNumbersAndAliasKeysReadAsYaml12Says(string yaml, string expected)
    {
        var tree = YamlDocumentTree.Load(yaml, "/t.yaml", CancellationToken.None);

        JsonNode.DeepEquals(Reparsed(tree.Json), JsonNode.Parse(expected)).ShouldBeTrue(tree.Json!.ToJsonString());
    }

    [Fact]
    public void AnAliasKeyIsLocatedAtTheAlias()
    {
        var tree = YamlDocumentTree.Load("a: &name title\nb:\n  *name : 1\n", "/t.yaml", CancellationToken.None);

        var location = tree.Locate("/b/title");

        (location.Line, location.Column).ShouldBe((2, 2));
    }

    [Fact]
    public void AnAliasOfACollectionCannotBeAKey()
    {
        var error = Should.Throw<SpecReadException>(() => YamlDocumentTree.Load("a: &m {x: 1}\nb:\n  *m : 1\n", "/t.yaml", CancellationToken.None));

        error.DiagnosticId.ShouldBe("SPC001");
        error.Location!.Line.ShouldBe(2);
    }

    private static string Outcome(SuiteCase suiteCase)
    {
        YamlDocumentTree tree;
        try
        {
            tree = YamlDocumentTree.Load(suiteCase.Yaml, "/t.yaml", CancellationToken.None);
        }
        catch (SpecReadException ex)
        {
            return ex.DiagnosticId;
        }

        if (suiteCase.Error)
        {
            return "accepted";
        }

        if (suiteCase.Json is null)
        {
            // Valid YAML with no JSON form in the suite (e.g. keys that repeat once resolved): reading it is what counts.
            return "read as expected";
        }

        // A stream of several documents: a spec file is one document, and the first is the one read.
        var expected = ReadJsonValues(suiteCase.Json).First();
        return JsonNode.DeepEquals(Reparsed(tree.Json), Reparsed(expected))
            ? "read as expected"
            : $"value differs: read {tree.Json?.ToJsonString() ?? "null"}, expected {expected?.ToJsonString() ?? "null"}";
    }

    /// <summary>Numbers compare by value whatever CLR type holds them (long, decimal, double) once written and read again.</summary>
    private static JsonNode? Reparsed(JsonNode? node) => node is null ? null : JsonNode.Parse(node.ToJsonString());

    private static List<JsonNode?> ReadJsonValues(string json)
    {
        var values = new List<JsonNode?>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            values.Add(JsonNode.Parse(ref reader));
        }

        return values;
    }

    private static Dictionary<string, SuiteCase> LoadCases()
    {
        var bundle = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "YamlTestSuite", "cases.json")))!;
        return bundle["cases"]!.AsArray().Select(c => new SuiteCase(
                (string)c!["id"]!,
                (string)c["name"]!,
                (string)c["yaml"]!,
                (string?)c["json"],
                (bool)c["error"]!))
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    private sealed record SuiteCase(string Id, string Name, string Yaml, string? Json, bool Error);
}
