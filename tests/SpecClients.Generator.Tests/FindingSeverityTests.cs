using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>
/// A finding about a spec fails the user's build only when no usable client can come out of the file: rules of the
/// OpenAPI specification that a document breaks (SPC010), dangling <c>$ref</c>s (SPC102) and undeclared path parameters
/// (SPC203) are warnings at their line, beside code that compiles; and with an operation selection, findings about
/// what the selection leaves out are not reported at all.
/// </summary>
public sealed class FindingSeverityTests
{
    private const string SpecPath = "/project/specs/shop.yaml";

    private const string Spec = """
        openapi: 3.0.3
        info: {title: Shop, version: '1'}
        servers: [{url: 'https://shop.example'}]
        paths:
          /orders/{orderId}:
            get:
              operationId: getOrder
              parameters: [{name: orderId, in: path, required: true, schema: {type: string}}]
              responses:
                '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
          /orders/{id}:
            delete:
              operationId: deleteOrder
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses: {'204': {description: deleted}}
          /vendors/{vendorId}:
            put:
              operationId: updateVendor
              responses:
                '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Vendor'}}}}
        components:
          schemas:
            Order:
              type: object
              properties:
                id: {type: string}
                toggle: {$ref: '#/components/schemas/ToggleType'}
            Vendor:
              type: object
              properties:
                name: {type: string}
        """;

    [Fact]
    public void BrokenRulesDanglingRefsAndUndeclaredPathParametersAreWarningsBesideCodeThatCompiles()
    {
        var result = GeneratorHarness.Run(new Dictionary<string, string> { [SpecPath] = Spec });

        foreach (var diagnostic in result.SpecDiagnostics)
        {
            diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning, diagnostic.ToString());
            diagnostic.Location.GetLineSpan().Path.ShouldBe(SpecPath);
        }

        result.SpecDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id).ToArray().ShouldBe(new[] { "SPC010", "SPC011", "SPC102", "SPC203" }, customMessage: string.Join("\n", result.SpecDiagnostics));
        result.CompileDiagnostics.ShouldBeEmpty();
        var client = result.Source("shop.ShopClient.g.cs");
        client.ShouldContain("GetOrderAsync(");
        client.ShouldContain("DeleteOrderAsync(");
        client.ShouldContain("UpdateVendorAsync(");
    }

    [Fact]
    public void FindingsAboutWhatASelectionLeavesOutAreNotReported()
    {
        var result = Run(operations: "updateVendor");

        result.SpecDiagnostics.Select(d => d.Id).ToArray().ShouldBe(new[] { "SPC203" }, customMessage: string.Join("\n", result.SpecDiagnostics));
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("getOrder", "SPC011,SPC102")]
    [InlineData("deleteOrder", "SPC010")]
    [InlineData("getOrder;deleteOrder", "SPC010,SPC011,SPC102")]
    public void FindingsAboutWhatASelectionReachesAreReported(string operations, string expected)
    {
        var result = Run(operations);

        // The reader reports the duplicate template at deleteOrder's path; the dangling $ref is in Order, which getOrder returns.
        result.SpecDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id).ToArray()
            .ShouldBe(expected.Split(','), customMessage: string.Join("\n", result.SpecDiagnostics));
        result.SpecDiagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Warning);
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void ValuesTheOpenApiReaderThrowsOnAreLocatedWarningsAndTheRestGenerates()
    {
        const string Odd = """
            openapi: 3.0.3
            info: {title: Odd, version: '1'}
            paths: {}
            components:
              schemas:
                Item:
                  type: object
                  properties:
                    code: {type: string, maxLength: 1e100}
                    name: {type: string, maxLength: 1e3, example: {maxLength: 1e100}}
                    default: {type: string, maxLength: 1e100}
                    link:
                      $ref: '#/components/schemas/'
            """;

        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/odd.yaml"] = Odd });

        // Before, Microsoft.OpenApi's reader threw on either value and the whole file was one error (SPC012, earlier SPC010).
        result.SpecDiagnostics.Select(d => d.Id + "@" + (d.Location.GetLineSpan().StartLinePosition.Line + 1)).ToArray()
            .ShouldBe(new[] { "SPC010@9", "SPC010@11", "SPC102@12" }, customMessage: string.Join("\n", result.SpecDiagnostics));
        result.SpecDiagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Warning);
        result.CompileDiagnostics.ShouldBeEmpty();
        var item = result.Source("odd.Item.g.cs");
        item.ShouldContain("Code");
        item.ShouldContain("global::System.Text.Json.JsonElement? Link");
    }

    [Fact]
    public void ARepairUnderAPathIsLocatedThroughItsEscapedPointer()
    {
        // Path keys hold '/' and may hold '~', which a JSON pointer escapes (~1, ~0): the finding must still find its line.
        const string Odd = """
            openapi: 3.0.3
            info: {title: Odd, version: '1'}
            paths:
              /items/{id~x}:
                get:
                  operationId: getItem
                  parameters:
                    - name: id~x
                      in: path
                      required: true
                      schema: {type: string, maxLength: 1e100}
                  responses:
                    '200': {description: ok}
            """;

        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/odd.yaml"] = Odd });

        result.SpecDiagnostics.Select(d => d.Id + "@" + (d.Location.GetLineSpan().StartLinePosition.Line + 1)).ToArray()
            .ShouldBe(new[] { "SPC010@11" }, customMessage: string.Join("\n", result.SpecDiagnostics));
        result.SpecDiagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture)
            .ShouldContain("#/paths/~1items~1{id~0x}/get/parameters/0/schema/maxLength");
        result.CompileDiagnostics.ShouldBeEmpty();
    }

    private static GenerationResult Run(string operations) =>
        GeneratorHarness.Run(
            new Dictionary<string, string> { [SpecPath] = Spec },
            new TestOptionsProvider(fileOptions: new Dictionary<string, Dictionary<string, string>>
            {
                [SpecPath] = new() { ["build_metadata.AdditionalFiles.SpecClients_Operations"] = operations },
            }));
}
