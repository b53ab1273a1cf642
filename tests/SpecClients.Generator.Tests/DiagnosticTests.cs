using SpecClients.Testing;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>Broken specs produce SPC diagnostics at the YAML line and column (1-based here, as editors show them), never a crash.</summary>
public sealed class DiagnosticTests
{
    private static GenerationResult Generate(string yaml, string path = "/project/specs/api.yaml") =>
        GeneratorHarness.Run(new Dictionary<string, string> { [path] = yaml });

    private static Diagnostic Single(GenerationResult result, string id)
    {
        result.Exception.ShouldBeNull();
        var matching = result.SpecDiagnostics.Where(d => d.Id == id).ToList();
        matching.Count.ShouldBe(1, "diagnostics: " + string.Join("; ", result.SpecDiagnostics));
        return matching[0];
    }

    private static void ShouldBeAt(Diagnostic diagnostic, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1).ShouldBe((line, column), diagnostic.ToString());
    }

    [Fact]
    public void FinCodesUndefinedBasicAuthReportsSpc301AtItsLine()
    {
        var result = GeneratorHarness.RunRepositorySpecs("fincode.yaml");

        var diagnostic = Single(result, "SPC301");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostic.GetMessage().ShouldContain("basicAuth");
        var lines = File.ReadAllLines(RepositoryPaths.Spec("fincode.yaml"));
        var line = System.Array.FindIndex(lines, l => l.Contains("- basicAuth: []")) + 1;
        ShouldBeAt(diagnostic, line, lines[line - 1].IndexOf("basicAuth", System.StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void YamlSyntaxErrorReportsSpc001AtTheBadToken()
    {
        var result = Generate("openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a: [unclosed\n");

        var diagnostic = Single(result, "SPC001");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBeGreaterThanOrEqualTo(5);
        result.Sources.ShouldBeEmpty();
    }

    [Fact]
    public void DuplicateKeyReportsSpc001AtTheSecondKey()
    {
        var result = Generate("openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\n  title: y\npaths: {}\n");

        var diagnostic = Single(result, "SPC001");
        ShouldBeAt(diagnostic, 5, 3);
        diagnostic.GetMessage().ShouldContain("title");
    }

    [Fact]
    public void YamlWithoutOpenApiFieldReportsSpc002()
    {
        var result = Generate("name: not a spec\nitems: [1, 2]\n");

        Single(result, "SPC002").Severity.ShouldBe(DiagnosticSeverity.Error);
    }

    [Fact]
    public void SwaggerTwoReportsSpc003AtItsVersion()
    {
        var result = Generate("swagger: '2.0'\ninfo:\n  title: x\n  version: '1'\npaths: {}\n");

        ShouldBeAt(Single(result, "SPC003"), 1, 1);
    }

    [Fact]
    public void EmptyFileReportsSpc005()
    {
        Single(Generate("   \n"), "SPC005").Severity.ShouldBe(DiagnosticSeverity.Error);
    }

    [Fact]
    public void UnresolvedRefReportsSpc102AtTheProperty()
    {
        var yaml = """
            openapi: 3.0.3
            info:
              title: x
              version: '1'
            paths: {}
            components:
              schemas:
                Order:
                  type: object
                  properties:
                    customer:
                      $ref: '#/components/schemas/Missing'
            """;

        var result = Generate(yaml);

        var diagnostic = Single(result, "SPC102");
        ShouldBeAt(diagnostic, 11, 9);
        diagnostic.GetMessage().ShouldContain("Missing");
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void OneOfWithSeveralBranchesBecomesAUnionWithoutWarnings()
    {
        var yaml = """
            openapi: 3.0.3
            info:
              title: x
              version: '1'
            paths: {}
            components:
              schemas:
                Payment:
                  type: object
                  properties:
                    method:
                      oneOf:
                        - type: string
                        - type: integer
            """;

        var result = Generate(yaml);

        result.SpecDiagnostics.ShouldBeEmpty();
        result.Source("api.Payment.g.cs").ShouldContain("global::SpecClients.Generated.Api.PaymentMethod? Method");
        var union = result.Source("api.PaymentMethod.g.cs");
        union.ShouldContain("public bool TryGetString(");
        union.ShouldContain("public bool TryGetInt64(out long value)");
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void SelfReferenceWithoutAnObjectReportsSpc101()
    {
        var yaml = """
            openapi: 3.0.3
            info:
              title: x
              version: '1'
            paths: {}
            components:
              schemas:
                Loop:
                  $ref: '#/components/schemas/Loop2'
                Loop2:
                  type: array
                  items:
                    $ref: '#/components/schemas/Loop'
            """;

        var result = Generate(yaml);

        result.SpecDiagnostics.ShouldContain(d => d.Id == "SPC101");
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void CollidingSchemaNamesReportSpc103AndStayDistinct()
    {
        var yaml = """
            openapi: 3.0.3
            info:
              title: x
              version: '1'
            paths: {}
            components:
              schemas:
                order_item:
                  type: object
                  properties:
                    a: { type: string }
                OrderItem:
                  type: object
                  properties:
                    b: { type: string }
            """;

        var result = Generate(yaml);

        Single(result, "SPC103").GetMessage().ShouldContain("OrderItem2");
        result.Sources.Select(s => s.HintName).ShouldContain("api.OrderItem.g.cs");
        result.Sources.Select(s => s.HintName).ShouldContain("api.OrderItem2.g.cs");
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void UndeclaredPathParameterReportsSpc203AndStillCompiles()
    {
        var yaml = """
            openapi: 3.0.3
            info:
              title: x
              version: '1'
            servers:
              - url: https://api.example.test
            paths:
              /orders/{id}:
                get:
                  operationId: getOrder
                  responses:
                    '204':
                      description: ok
            """;

        var result = Generate(yaml);

        ShouldBeAt(Single(result, "SPC203"), 9, 5);
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void XTokenNamingUnknownOperationReportsSpc302AtTheExtension()
    {
        var yaml = """
            openapi: 3.0.3
            info:
              title: x
              version: '1'
            paths: {}
            components:
              securitySchemes:
                token:
                  type: http
                  scheme: bearer
                  x-token:
                    operation: issueToken
            """;

        var result = Generate(yaml);

        ShouldBeAt(Single(result, "SPC302"), 12, 9);
    }

    [Fact]
    public void XTokenPointerOutsideTheResponseReportsSpc303()
    {
        var yaml = """
            openapi: 3.0.3
            info:
              title: x
              version: '1'
            paths:
              /token:
                post:
                  operationId: issueToken
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              access_token: { type: string }
            components:
              securitySchemes:
                token:
                  type: http
                  scheme: bearer
                  x-token:
                    operation: issueToken
                    token: /data/token
            """;

        var result = Generate(yaml);

        ShouldBeAt(Single(result, "SPC303"), 25, 9);
    }

    [Fact]
    public void MalformedXTokenReportsSpc305()
    {
        var yaml = """
            openapi: 3.0.3
            info:
              title: x
              version: '1'
            paths: {}
            components:
              securitySchemes:
                token:
                  type: http
                  scheme: bearer
                  x-token: yes please
            """;

        ShouldBeAt(Single(Generate(yaml), "SPC305"), 11, 7);
    }

    [Fact]
    public void NonSpecYamlOutsideTheSpecsFolderIsIgnored()
    {
        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/config/settings.yaml"] = "name: x\n" });

        result.SpecDiagnostics.ShouldBeEmpty();
        result.Sources.ShouldBeEmpty();
    }

    [Fact]
    public void EveryDiagnosticIdIsDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        var releases = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "SpecClients.Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in SpecClients.Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            docs.ShouldContain("## " + descriptor.Id, customMessage: descriptor.Id + " is missing from docs/diagnostics.md");
            releases.ShouldContain(descriptor.Id + " |", customMessage: descriptor.Id + " is missing from AnalyzerReleases.Unshipped.md");
            descriptor.HelpLinkUri.ShouldEndWith("#" + descriptor.Id.ToLowerInvariant());
        }
    }

    [Fact]
    public void DeepNestingReportsSpc004InsteadOfOverflowingTheStack()
    {
        // 100,000 levels would overflow a recursive reader and kill the compiler process.
        var yaml = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\nx-deep: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var diagnostic = Single(Generate(yaml), "SPC004");

        diagnostic.GetMessage().ShouldContain("nesting depth");
        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(3);
    }

    [Fact]
    public void BillionLaughsAliasBombReportsSpc004()
    {
        var yaml = new System.Text.StringBuilder("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append("x-a").Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10))).Append("]\n");
        }

        Single(Generate(yaml.ToString()), "SPC004").GetMessage().ShouldContain("alias expansion");
    }

    [Fact]
    public void AliasesExpandToTheAnchoredValue()
    {
        var yaml = """
            openapi: 3.0.3
            info:
              title: x
              version: '1'
            paths: {}
            components:
              schemas:
                Money: &money
                  type: object
                  required: [amount]
                  properties:
                    amount: { type: string }
                Price: *money
            """;

        var result = Generate(yaml);

        result.SpecDiagnostics.ShouldBeEmpty();
        result.Source("api.Price.g.cs").ShouldContain("public required string Amount");
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void DuplicateOperationIdReportsSpc206AtTheSecondAndStillGeneratesBoth()
    {
        var yaml = """
            openapi: 3.0.3
            info: {title: x, version: '1'}
            servers: [{url: 'https://api.example.test'}]
            paths:
              /items:
                get:
                  operationId: listItems
                  responses: {'204': {description: ok}}
              /archive/items:
                get:
                  operationId: listItems
                  responses: {'204': {description: ok}}
            """;

        var result = Generate(yaml);

        var diagnostic = Single(result, "SPC206");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
        ShouldBeAt(diagnostic, 11, 7);
        diagnostic.GetMessage().ShouldContain("'listItems'");
        diagnostic.GetMessage().ShouldContain("'ListItemsAsync'");
        diagnostic.GetMessage().ShouldContain("'ListItems2Async'");
        var client = result.Sources.Single(s => s.HintName.EndsWith("Client.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        client.ShouldContain("ListItemsAsync(");
        client.ShouldContain("ListItems2Async(");
        result.CompileDiagnostics.ShouldBeEmpty(string.Join("\n", result.CompileDiagnostics));
    }

    [Fact]
    public void UnknownAliasReportsSpc001()
    {
        var yaml = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\nx-a: *nowhere\n";

        Single(Generate(yaml), "SPC001").GetMessage().ShouldContain("nowhere");
    }

    [Fact]
    public void TabIndentationReportsSpc001AtTheTab()
    {
        var yaml = "openapi: 3.0.3\ninfo:\n\ttitle: x\n";

        var diagnostic = Single(Generate(yaml), "SPC001");

        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(2);
    }
}
