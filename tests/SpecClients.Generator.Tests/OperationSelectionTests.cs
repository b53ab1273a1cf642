using SpecClients.Testing;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using SpecClients.Generator.Tests.Infrastructure;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>
/// <c>SpecClients_Operations</c> / <c>SpecClients_Tags</c>: a project generates the operations it lists and only the
/// schemas they reach, which is what keeps a large spec's compile cost proportional to what the project uses.
/// </summary>
public sealed class OperationSelectionTests
{
    private const string SpecPath = "/project/specs/shop.yaml";

    private const string Spec = """
        openapi: 3.0.3
        info: {title: Shop, version: '1'}
        servers: [{url: 'https://shop.example.com'}]
        security: [{shopToken: []}]
        paths:
          /pets:
            get:
              operationId: listPets
              tags: [pets]
              responses:
                '200': {description: OK, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}
            post:
              operationId: createPet
              tags: [pets, Pet Admin]
              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}}
              responses:
                '201': {description: Created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
          /store/orders/{id}:
            get:
              operationId: getOrder
              tags: [store]
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
          /auth/token:
            post:
              operationId: issueToken
              security: []
              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/TokenRequest'}}}}
              responses:
                '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/TokenResponse'}}}}
        components:
          securitySchemes:
            shopToken:
              type: http
              scheme: bearer
              x-token: {operation: issueToken, token: /token}
          schemas:
            Pet:
              type: object
              properties: {name: {type: string}, owner: {$ref: '#/components/schemas/Owner'}}
            Owner:
              type: object
              properties: {name: {type: string}}
            NewPet:
              type: object
              properties: {name: {type: string}}
            Order:
              type: object
              properties: {id: {type: string}, status: {$ref: '#/components/schemas/OrderStatus'}}
            OrderStatus:
              type: string
              enum: [placed, shipped]
            Unused:
              type: object
              properties: {x: {type: string}}
            TokenRequest:
              type: object
              properties: {key: {type: string}}
            TokenResponse:
              type: object
              properties: {token: {type: string}}
        """;

    private static GenerationResult Run(string? operations = null, string? tags = null, Dictionary<string, string>? metadata = null)
    {
        metadata ??= new Dictionary<string, string>();
        if (operations is not null)
        {
            metadata["build_metadata.AdditionalFiles.SpecClients_Operations"] = operations;
        }

        if (tags is not null)
        {
            metadata["build_metadata.AdditionalFiles.SpecClients_Tags"] = tags;
        }

        return GeneratorHarness.Run(
            new Dictionary<string, string> { [SpecPath] = Spec },
            new TestOptionsProvider(fileOptions: new Dictionary<string, Dictionary<string, string>> { [SpecPath] = metadata }));
    }

    private static List<string> ClientMethods(GenerationResult result) =>
        result.Source("shop.ShopClient.g.cs") is var text
            ? new[] { "ListPetsAsync", "CreatePetAsync", "GetOrderAsync", "IssueTokenAsync" }.Where(m => text.Contains(" " + m + "(")).ToList()
            : new List<string>();

    [Fact]
    public void WithoutASelectionEverythingIsGenerated()
    {
        var result = Run();

        result.SpecDiagnostics.ShouldBeEmpty();
        result.CompileDiagnostics.ShouldBeEmpty();
        ClientMethods(result).ShouldBe(new[] { "ListPetsAsync", "CreatePetAsync", "GetOrderAsync", "IssueTokenAsync" });
        GeneratedCode.TypeNames(result).ShouldContain("Unused");
    }

    [Fact]
    public void SelectedOperationsKeepTheirSchemasAndTheTokenOperation()
    {
        var result = Run(operations: "getOrder");

        result.SpecDiagnostics.ShouldBeEmpty();
        result.CompileDiagnostics.ShouldBeEmpty();
        ClientMethods(result).ShouldBe(new[] { "GetOrderAsync", "IssueTokenAsync" });
        GeneratedCode.TypeNames(result).ShouldBe(new[] { "Order", "OrderStatus", "OrderStatusExtensions", "ShopClient", "ShopClientAuth", "ShopClientOptions", "ShopClientServiceCollectionExtensions", "ShopServer", "TokenRequest", "TokenResponse" });
    }

    [Fact]
    public void TagsSelectEveryOperationCarryingThemAndTheSchemasTheyReachThroughReferences()
    {
        var result = Run(tags: "Pet Admin");

        result.SpecDiagnostics.ShouldBeEmpty();
        result.CompileDiagnostics.ShouldBeEmpty();
        ClientMethods(result).ShouldBe(new[] { "CreatePetAsync", "IssueTokenAsync" });
        var types = GeneratedCode.TypeNames(result);
        types.ShouldContain("Owner");
        types.ShouldContain("NewPet");
        types.ShouldNotContain("Order");
        types.ShouldNotContain("Unused");
    }

    [Fact]
    public void OperationsAndTagsCombineAndAListMayUseSemicolonsAndLineBreaks()
    {
        var result = Run(operations: " getOrder ;\n", tags: "pets;");

        result.SpecDiagnostics.ShouldBeEmpty();
        ClientMethods(result).ShouldBe(new[] { "ListPetsAsync", "CreatePetAsync", "GetOrderAsync", "IssueTokenAsync" });
        GeneratedCode.TypeNames(result).ShouldNotContain("Unused");
    }

    [Fact]
    public void AnEntryThatMatchesNothingIsReportedAtTheStartOfTheSpec()
    {
        var result = Run(operations: "getOrder;getorder", tags: "Store");

        var diagnostics = result.SpecDiagnostics.OrderBy(d => d.GetMessage(), System.StringComparer.Ordinal).ToList();
        diagnostics.Select(d => d.Id).ShouldBe(new[] { "SPC205", "SPC205" });
        diagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Warning && d.Location.GetLineSpan().StartLinePosition.Line == 0 && d.Location.GetLineSpan().Path == SpecPath);
        diagnostics[0].GetMessage().ShouldContain("SpecClients_Operations lists 'getorder'");
        diagnostics[1].GetMessage().ShouldContain("SpecClients_Tags lists 'Store'");
        ClientMethods(result).ShouldBe(new[] { "GetOrderAsync", "IssueTokenAsync" });
    }

    [Fact]
    public void PercentEncodedListsFromMSBuildWinOverThePlainMetadataTheEditorConfigReaderCut()
    {
        // What build/SpecClients.props hands the compiler for SpecClients_Operations="listPets;getOrder" and
        // SpecClients_Tags="Pet Admin": the plain values arrive cut at the first ';' by the .editorconfig reader.
        var result = Run(metadata: new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.SpecClients_Operations"] = "listPets",
            ["build_metadata.AdditionalFiles.SpecClients_OperationsEncoded"] = "listPets%3BgetOrder",
            ["build_metadata.AdditionalFiles.SpecClients_TagsEncoded"] = "Pet%20Admin",
        });

        result.SpecDiagnostics.ShouldBeEmpty();
        result.CompileDiagnostics.ShouldBeEmpty();
        ClientMethods(result).ShouldBe(new[] { "ListPetsAsync", "CreatePetAsync", "GetOrderAsync", "IssueTokenAsync" });
    }
}
