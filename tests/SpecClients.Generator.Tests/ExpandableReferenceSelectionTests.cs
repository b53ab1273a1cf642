using SpecClients.Testing;
using System.Collections.Generic;
using System.Linq;
using Shouldly;
using SpecClients.Generator.Tests.Infrastructure;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>
/// Expandable references (Stripe's <c>x-expansionResources</c>: an <c>anyOf</c> of an id string and the object the id
/// expands to) under an operation selection: the expanded object is typed only where the selection reaches its schema
/// some other way, so one operation does not bring in every object its ids can expand to. Elsewhere the branch keeps
/// its name and the object as JSON; <c>SpecClients_Expansions=all</c> types them all, as without a selection.
/// </summary>
public sealed class ExpandableReferenceSelectionTests
{
    private const string SpecPath = "/project/specs/billing.yaml";

    private const string Spec = """
        openapi: 3.0.3
        info: {title: Billing, version: '1'}
        servers: [{url: 'https://billing.example.com'}]
        paths:
          /charges/{id}:
            get:
              operationId: getCharge
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Charge'}}}}
          /customers/{id}:
            get:
              operationId: getCustomer
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}
        components:
          schemas:
            Charge:
              type: object
              required: [id]
              properties:
                id: {type: string}
                customer:
                  anyOf:
                    - {type: string, maxLength: 5000}
                    - {$ref: '#/components/schemas/Customer'}
                  nullable: true
                  x-expansionResources:
                    oneOf: [{$ref: '#/components/schemas/Customer'}]
            Customer:
              type: object
              required: [id, object]
              properties:
                id: {type: string}
                object: {type: string, enum: [customer]}
                name: {type: string}
                address: {$ref: '#/components/schemas/Address'}
            Address:
              type: object
              properties: {city: {type: string}}
        """;

    private static GenerationResult Run(string operations, string? expansions = null, params string[] sources)
    {
        var metadata = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.SpecClients_Operations"] = operations };
        if (expansions is not null)
        {
            metadata["build_metadata.AdditionalFiles.SpecClients_Expansions"] = expansions;
        }

        return GeneratorHarness.Run(
            new Dictionary<string, string> { [SpecPath] = Spec },
            new TestOptionsProvider(fileOptions: new Dictionary<string, Dictionary<string, string>> { [SpecPath] = metadata }),
            sources);
    }

    /// <summary>The signature of the union's <c>TryGetCustomer</c>, on one line (the emitter wraps long ones).</summary>
    private static string CustomerBranchReader(GenerationResult result)
    {
        var lines = result.Sources.Select(s => s.SourceText.ToString()).Single(t => t.Contains("class ChargeCustomer ")).Split('\n');
        var start = System.Array.FindIndex(lines, l => l.Contains("public bool TryGetCustomer("));
        return lines[start].Trim() + (lines[start].TrimEnd().EndsWith('(') ? lines[start + 1].Trim() : string.Empty);
    }

    [Fact]
    public void AnObjectTheSelectionReachesOnlyThroughAnExpandableReferenceIsKeptAsJson()
    {
        var result = Run("getCharge");

        result.SpecDiagnostics.ShouldBeEmpty();
        result.CompileDiagnostics.ShouldBeEmpty();
        var types = GeneratedCode.TypeNames(result);
        types.ShouldContain("Charge");
        types.ShouldContain("ChargeCustomer");
        types.ShouldNotContain("Customer");
        types.ShouldNotContain("Address");
        CustomerBranchReader(result).ShouldBe("public bool TryGetCustomer(out global::System.Text.Json.JsonElement value) =>");
        result.Sources.Single(s => s.SourceText.ToString().Contains("class ChargeCustomer ")).SourceText.ToString()
            .ShouldContain("Customer object, kept as JSON: the operation selection reaches its schema only through expandable references");
    }

    [Fact]
    public void AnObjectTheSelectionAlsoReachesOtherwiseIsTypedInTheExpandableReference()
    {
        var result = Run("getCharge;getCustomer");

        result.SpecDiagnostics.ShouldBeEmpty();
        result.CompileDiagnostics.ShouldBeEmpty();
        GeneratedCode.TypeNames(result).ShouldContain("Customer");
        GeneratedCode.TypeNames(result).ShouldContain("Address");
        CustomerBranchReader(result).ShouldContain("out global::SpecClients.Generated.Billing.Customer? value)");
    }

    [Theory]
    [InlineData("all")]
    [InlineData("ALL")]
    public void ExpansionsAllTypesEveryExpandedObjectAsWithoutASelection(string value)
    {
        var result = Run("getCharge", value);

        result.SpecDiagnostics.ShouldBeEmpty();
        result.CompileDiagnostics.ShouldBeEmpty();
        GeneratedCode.TypeNames(result).ShouldContain("Customer");
        GeneratedCode.TypeNames(result).ShouldContain("Address");
        CustomerBranchReader(result).ShouldContain("out global::SpecClients.Generated.Billing.Customer? value)");
    }

    [Fact]
    public void AnExpandedObjectKeptAsJsonIsToldApartFromTheIdReadAndWrittenBackWhole()
    {
        const string probe = """"
            using System.Collections.Generic;
            using System.Text.Json;
            using SpecClients.Generated.Billing;

            namespace Probe;

            public static class Checks
            {
                public static string Run()
                {
                    var failures = new List<string>();
                    void Check(bool condition, string what)
                    {
                        if (!condition)
                        {
                            failures.Add(what);
                        }
                    }

                    const string expandedJson = """{"id":"ch_1","customer":{"id":"cus_1","object":"customer","name":"Ann","address":{"city":"Oslo"}}}""";
                    var expanded = JsonSerializer.Deserialize<Charge>(expandedJson)!;
                    Check(expanded.Customer!.IsCustomer && !expanded.Customer.IsString, "expanded case " + expanded.Customer.Case);
                    Check(expanded.Customer.TryGetCustomer(out var customer) && customer.GetProperty("address").GetProperty("city").GetString() == "Oslo", "expanded object");
                    Check(JsonSerializer.Serialize(expanded) == expandedJson, "written back: " + JsonSerializer.Serialize(expanded));

                    var id = JsonSerializer.Deserialize<Charge>("""{"id":"ch_2","customer":"cus_2"}""")!;
                    Check(id.Customer!.IsString && id.Customer.AsString() == "cus_2" && !id.Customer.TryGetCustomer(out _), "id case " + id.Customer.Case);

                    var built = new Charge { Id = "ch_3", Customer = ChargeCustomer.FromCustomer(JsonDocument.Parse("""{"id":"cus_3","object":"customer"}""").RootElement) };
                    Check(JsonSerializer.Serialize(built) == """{"id":"ch_3","customer":{"id":"cus_3","object":"customer"}}""", "built: " + JsonSerializer.Serialize(built));
                    return string.Join("; ", failures);
                }
            }
            """";

        GeneratedCode.RunProbe(Run("getCharge", sources: probe), "expandable-probe").ShouldBeEmpty();
    }
}
