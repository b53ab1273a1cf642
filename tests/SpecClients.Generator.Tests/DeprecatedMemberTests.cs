using SpecClients.Testing;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>
/// <c>deprecated: true</c> becomes <c>[Obsolete]</c>, except on a C# <c>required</c> member, where the attribute is
/// warning CS9042 in the user's build: there the deprecation is said in the member's remarks.
/// </summary>
public sealed class DeprecatedMemberTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: {title: Legacy, version: '1'}
        servers: [{url: 'https://legacy.example.com'}]
        paths:
          /accounts:
            get:
              operationId: getAccount
              responses:
                '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Account'}}}}
        components:
          schemas:
            Account:
              type: object
              required: [legacyCode, id]
              properties:
                id: {type: string}
                legacyCode: {type: string, deprecated: true}
                oldLabel: {type: string, deprecated: true}
        """;

    private static PropertyDeclarationSyntax Property(GenerationResult result, string name) =>
        result.Sources
            .SelectMany(s => s.SyntaxTree.GetRoot().DescendantNodes().OfType<PropertyDeclarationSyntax>())
            .Single(p => p.Identifier.Text == name && p.Parent is RecordDeclarationSyntax { Identifier.Text: "Account" });

    private static bool IsObsolete(PropertyDeclarationSyntax property) =>
        property.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().EndsWith("Obsolete", System.StringComparison.Ordinal));

    [Fact]
    public void RequiredDeprecatedPropertyCompilesWithoutWarningsAndSaysItsDeprecationInRemarks()
    {
        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/legacy.yaml"] = Spec });

        result.Exception.ShouldBeNull();
        result.SpecDiagnostics.ShouldBeEmpty(string.Join("\n", result.SpecDiagnostics));
        result.CompileDiagnostics.ShouldBeEmpty(string.Join("\n", result.CompileDiagnostics));
        var legacyCode = Property(result, "LegacyCode");
        legacyCode.Modifiers.Any(m => m.Text == "required").ShouldBeTrue(legacyCode.ToString());
        IsObsolete(legacyCode).ShouldBeFalse(legacyCode.ToString());
        legacyCode.GetLeadingTrivia().ToString().ShouldContain("deprecated in the spec");
    }

    [Fact]
    public void OptionalDeprecatedPropertyKeepsObsolete()
    {
        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/legacy.yaml"] = Spec });

        IsObsolete(Property(result, "OldLabel")).ShouldBeTrue();
        IsObsolete(Property(result, "Id")).ShouldBeFalse();
    }
}
