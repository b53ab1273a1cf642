using SpecClients.Testing;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Shouldly;
using SpecClients.Generator.Input;
using SpecClients.Generator.Model;
using SpecClients.Generator.Parsing;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>
/// Enums (issue 11 point 6): OpenAPI 3.1's <c>oneOf</c> of <c>const</c>s is an enum named by its titles, string and
/// integer alike; enums are extensible structs by default and C# enums where <c>SpecClients_Enums</c> says strict, per
/// project or per spec. The wire behaviour is in SpecClients.Client.Tests' EnumWireTests.
/// </summary>
public sealed class EnumTests
{
    private const string SpecPath = "/project/specs/enums.yaml";

    private const string Spec = """
        openapi: 3.1.0
        info: {title: Enums, version: '1'}
        servers: [{url: 'https://enums.example.test'}]
        paths:
          /tickets:
            get:
              operationId: listTickets
              parameters: [{name: priority, in: query, schema: {$ref: '#/components/schemas/Priority'}}]
              responses:
                '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Ticket'}}}}
        components:
          schemas:
            Priority:
              oneOf:
                - {const: 1, title: Low, description: Whenever there is time.}
                - {const: 5, title: High}
                - {const: -1}
            Color:
              type: string
              oneOf:
                - {const: r, title: Red, description: The colour of stop signs.}
                - {const: x-ray}
                - {type: 'null'}
            Status: {type: string, enum: [active, inactive]}
            PriorityOrLabel:
              oneOf:
                - {$ref: '#/components/schemas/Priority'}
                - {type: string}
            Ticket:
              type: object
              properties:
                priority: {$ref: '#/components/schemas/Priority'}
                color: {$ref: '#/components/schemas/Color'}
                status: {$ref: '#/components/schemas/Status'}
        """;

    private static ApiSpec Parse(bool strict = false)
    {
        var result = SpecParser.Parse(new SpecInput(SpecPath, "enums", Spec, "Enums", "EnumsClient", true, StrictEnums: strict), "1.0.0", CancellationToken.None);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    private static GenerationResult Generate(TestOptionsProvider options) =>
        GeneratorHarness.Run(new Dictionary<string, string> { [SpecPath] = Spec }, options);

    [Fact]
    public void OneOfOfIntegerConstsIsAnIntegerEnumNamedByItsTitles()
    {
        var spec = Parse();

        var priority = spec.Types.OfType<EnumSpec>().Single(t => t.Name == "Priority");
        priority.IsInteger.ShouldBeTrue();
        priority.Extensible.ShouldBeTrue();
        priority.Members.Select(m => (m.WireValue, m.Name, m.Description)).ShouldBe(new (string, string, string?)[]
        {
            ("1", "Low", "Whenever there is time."),
            ("5", "High", null),
            ("-1", "_1", null),
        });
        spec.Types.OfType<UnionSpec>().Select(u => u.Name).ShouldBe(new[] { "PriorityOrLabel" }, "the oneOf of consts is no union");
        spec.Types.OfType<ObjectSpec>().Single().Properties.First(p => p.JsonName == "priority").Type.Kind.ShouldBe(TypeKind.IntegerEnum);
    }

    [Fact]
    public void OneOfOfStringConstsIsAStringEnumNamedByItsTitlesOrValues()
    {
        var spec = Parse();

        var color = spec.Types.OfType<EnumSpec>().Single(t => t.Name == "Color");
        color.IsInteger.ShouldBeFalse();
        color.Members.Select(m => (m.WireValue, m.Name, m.Description)).ShouldBe(new (string, string, string?)[]
        {
            ("r", "Red", "The colour of stop signs."),
            ("x-ray", "XRay", null),
        });
        var property = spec.Types.OfType<ObjectSpec>().Single().Properties.Single(p => p.JsonName == "color");
        property.Type.Kind.ShouldBe(TypeKind.Enum);
        property.Nullable.ShouldBeTrue("the null branch makes the member nullable");
    }

    [Fact]
    public void AnIntegerEnumBranchOfAUnionIsToldApartByItsKindAndListedValues()
    {
        var spec = Parse();

        var branch = spec.Types.OfType<UnionSpec>().Single(u => u.Name == "PriorityOrLabel").Branches[0];
        branch.Type.Kind.ShouldBe(TypeKind.IntegerEnum);
        branch.Kinds.ShouldBe(JsonKinds.Integer);
        branch.Values.ShouldBe(new[] { "1", "5", "-1" });
    }

    [Fact]
    public void EnumsAreExtensibleStructsByDefaultAndCompileWithoutWarnings()
    {
        var result = Generate(TestOptionsProvider.Empty);

        result.SpecDiagnostics.ShouldBeEmpty(string.Join("\n", result.SpecDiagnostics));
        result.CompileDiagnostics.ShouldBeEmpty(string.Join("\n", result.CompileDiagnostics.Take(20)));
        var priority = result.Source("enums.Priority.g.cs");
        priority.ShouldContain("public readonly struct Priority : global::System.IEquatable<Priority>");
        priority.ShouldContain("""
                /// <summary>
                /// Whenever there is time.
                /// </summary>
                public static readonly Priority Low = new(1);
            """);
        result.Source("enums.Color.g.cs").ShouldContain("public static readonly Color XRay = new(\"x-ray\");");
        result.Source("enums.Status.g.cs").ShouldContain("public readonly struct Status");
    }

    [Fact]
    public void StrictEnumsFromTheProjectPropertyAreCSharpEnumsAndCompileWithoutWarnings()
    {
        var result = Generate(new TestOptionsProvider(new Dictionary<string, string> { ["build_property.SpecClients_Enums"] = "strict" }));

        result.CompileDiagnostics.ShouldBeEmpty(string.Join("\n", result.CompileDiagnostics.Take(20)));
        result.Source("enums.Priority.g.cs").ShouldContain("""
            public enum Priority : long
            {
                /// <summary>
                /// Whenever there is time.
                /// </summary>
                Low = 1,
            """);
        result.Source("enums.Status.g.cs").ShouldContain("public enum Status");
        result.Source("enums.Color.g.cs").ShouldContain("public enum Color");
    }

    [Fact]
    public void ASpecsOwnEnumsMetadataOverridesTheProjectProperty()
    {
        var options = new TestOptionsProvider(
            new Dictionary<string, string> { ["build_property.SpecClients_Enums"] = "strict" },
            new Dictionary<string, Dictionary<string, string>> { [SpecPath] = new() { ["build_metadata.AdditionalFiles.SpecClients_Enums"] = "extensible" } });

        var result = Generate(options);

        result.Source("enums.Status.g.cs").ShouldContain("public readonly struct Status");
    }
}
