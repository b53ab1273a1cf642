using System.Linq;
using System.Text.Json.Nodes;
using Shouldly;
using SpecClients.Testing.Oracle;
using Xunit;

namespace SpecClients.Generator.Tests.Oracle;

/// <summary>The oracle's converter: OpenAPI schemas become JSON Schemas NJsonSchema validates as the spec means them.</summary>
public sealed class OpenApiJsonSchemaTests
{
    private const string Spec30 = """
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name, tag]
              properties:
                id: { type: integer, readOnly: true }
                name: { type: string, nullable: true }
                tag: { $ref: '#/components/schemas/Tag' }
                owner: { $ref: '#/components/schemas/Owner' }
                age: { type: integer, minimum: 0, exclusiveMinimum: true }
            Tag:
              type: string
              enum: [a, b]
            Owner:
              nullable: true
              allOf: [{ $ref: '#/components/schemas/Person' }]
            Person:
              type: object
              properties:
                friend: { $ref: '#/components/schemas/Person' }
                secret: { type: string, writeOnly: true }
              required: [secret]
            PersonReference:
              $ref: '#/components/schemas/Person'
        """;

    private const string Spec31 = """
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths: {}
        components:
          schemas:
            Kind:
              oneOf:
                - { const: card, title: Card }
                - { const: bank, title: Bank }
            List:
              type: [array, 'null']
              items: { $ref: '#/components/schemas/Kind' }
            Tagged:
              $ref: '#/components/schemas/Kind'
              description: 3.1 applies a $ref's siblings; this one is an annotation and is dropped.
            External:
              $ref: 'other.yaml#/components/schemas/Thing'
        """;

    private static readonly SchemaOracle s_oracle30 = new(SpecDocument.Parse(Spec30));
    private static readonly SchemaOracle s_oracle31 = new(SpecDocument.Parse(Spec31));

    [Fact]
    public void ReferencesBecomeDefinitionsFollowedTransitively()
    {
        var conversion = OpenApiJsonSchema.Convert(SpecDocument.Parse(Spec30), "#/components/schemas/Pet", BodyDirection.Response);

        conversion.Schema["properties"]!["tag"]!["$ref"]!.GetValue<string>().ShouldBe("#/definitions/Tag");
        ((JsonObject)conversion.Schema["definitions"]!).Select(d => d.Key).OrderBy(k => k).ShouldBe(new[] { "Owner", "Person", "Tag" });
        conversion.Unresolved.ShouldBeEmpty();
    }

    [Fact]
    public void NullableTypedSchemaBecomesATypeUnion()
    {
        var conversion = OpenApiJsonSchema.Convert(SpecDocument.Parse(Spec30), "#/components/schemas/Pet", BodyDirection.Response);

        conversion.Schema["properties"]!["name"]!["type"]!.ToJsonString().ShouldBe("""["string","null"]""");
        s_oracle30.Validate("#/components/schemas/Pet", BodyDirection.Response, """{"id":1,"name":null,"tag":"a"}""").ShouldBeEmpty();
        s_oracle30.Validate("#/components/schemas/Pet", BodyDirection.Response, """{"id":1,"name":5,"tag":"a"}""").ShouldNotBeEmpty();
    }

    [Fact]
    public void NullableCompositionAcceptsNullBesideItsBranches()
    {
        s_oracle30.Validate("#/components/schemas/Owner", BodyDirection.Response, "null").ShouldBeEmpty();
        s_oracle30.Validate("#/components/schemas/Owner", BodyDirection.Response, """{"friend":{"friend":{}}}""").ShouldBeEmpty();
        s_oracle30.Validate("#/components/schemas/Owner", BodyDirection.Response, """{"friend":{"friend":7}}""").ShouldNotBeEmpty();
    }

    [Fact]
    public void ASchemaThatIsOnlyAReferenceKeepsTheDefinitionsItPointsInto()
    {
        // Before draft 2019-09 a $ref's siblings are ignored: "definitions" beside a root $ref did not exist for NJsonSchema.
        s_oracle30.Validate("#/components/schemas/PersonReference", BodyDirection.Request, """{"secret":"s","friend":{"secret":"t"}}""").ShouldBeEmpty();
        s_oracle30.Validate("#/components/schemas/PersonReference", BodyDirection.Request, """{"secret":"s","friend":{"secret":7}}""").ShouldNotBeEmpty();
    }

    [Fact]
    public void ReadOnlyMembersAreExcusedFromRequestsOnly()
    {
        s_oracle30.Validate("#/components/schemas/Pet", BodyDirection.Request, """{"name":"x","tag":"b"}""").ShouldBeEmpty();
        s_oracle30.Validate("#/components/schemas/Pet", BodyDirection.Response, """{"name":"x","tag":"b"}""").ShouldContain(e => e.Contains("id"));
    }

    [Fact]
    public void WriteOnlyMembersAreExcusedFromResponsesOnly()
    {
        s_oracle30.Validate("#/components/schemas/Person", BodyDirection.Response, "{}").ShouldBeEmpty();
        s_oracle30.Validate("#/components/schemas/Person", BodyDirection.Request, "{}").ShouldContain(e => e.Contains("secret"));
    }

    [Fact]
    public void EnumsAndExclusiveBoundsAreEnforced()
    {
        s_oracle30.Validate("#/components/schemas/Pet", BodyDirection.Response, """{"id":1,"name":"x","tag":"c"}""").ShouldNotBeEmpty();
        s_oracle30.Validate("#/components/schemas/Pet", BodyDirection.Response, """{"id":1,"name":"x","tag":"a","age":0}""").ShouldNotBeEmpty();
        s_oracle30.Validate("#/components/schemas/Pet", BodyDirection.Response, """{"id":1,"name":"x","tag":"a","age":1}""").ShouldBeEmpty();
    }

    [Fact]
    public void ConstBranchesAndTypeArraysOf31Validate()
    {
        s_oracle31.Validate("#/components/schemas/Kind", BodyDirection.Request, "\"bank\"").ShouldBeEmpty();
        s_oracle31.Validate("#/components/schemas/Kind", BodyDirection.Request, "\"cash\"").ShouldNotBeEmpty();
        s_oracle31.Validate("#/components/schemas/List", BodyDirection.Response, "null").ShouldBeEmpty();
        s_oracle31.Validate("#/components/schemas/List", BodyDirection.Response, """["card","bank"]""").ShouldBeEmpty();
        s_oracle31.Validate("#/components/schemas/List", BodyDirection.Response, """["card",3]""").ShouldNotBeEmpty();
        s_oracle31.Validate("#/components/schemas/Tagged", BodyDirection.Response, "\"card\"").ShouldBeEmpty();
    }

    [Fact]
    public void ExternalReferencesAcceptAnythingAndAreListed()
    {
        var conversion = OpenApiJsonSchema.Convert(SpecDocument.Parse(Spec31), "#/components/schemas/External", BodyDirection.Response);

        conversion.Unresolved.ShouldBe(new[] { "other.yaml#/components/schemas/Thing" });
        s_oracle31.Validate("#/components/schemas/External", BodyDirection.Response, """{"anything":1}""").ShouldBeEmpty();
    }

    [Fact]
    public void PlainYamlScalarsAreTypedAndQuotedOnesStayStrings()
    {
        var document = SpecDocument.Parse("a: 1\nb: '1'\nc: 1.50\nd: true\ne: ~\nf: 2026-01-01\n");

        document.ToJsonString().ShouldBe("""{"a":1,"b":"1","c":1.50,"d":true,"e":null,"f":"2026-01-01"}""");
    }
}
