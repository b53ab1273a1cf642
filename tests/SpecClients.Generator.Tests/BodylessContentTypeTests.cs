using System.Collections.Generic;
using System.Linq;
using Shouldly;
using SpecClients.Generator.Tests.Infrastructure;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>
/// OpenAPI ignores Content-Type header parameters; SpecClients keeps one case, a body-less operation that declares it
/// with a single value (Faspay SendMe's GET /account/api/tokens), and sends that value.
/// </summary>
public sealed class BodylessContentTypeTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Headers, version: '1' }
        servers: [{ url: https://api.example }]
        paths:
          /single-enum:
            get:
              operationId: singleEnum
              parameters:
                - { name: Content-Type, in: header, required: true, schema: { type: string, enum: [application/json] } }
              responses: { '204': { description: none } }
          /by-default:
            get:
              operationId: byDefault
              parameters:
                - { name: content-type, in: header, schema: { type: string, default: application/json } }
              responses: { '204': { description: none } }
          /two-values:
            get:
              operationId: twoValues
              parameters:
                - { name: Content-Type, in: header, schema: { type: string, enum: [application/json, text/plain] } }
              responses: { '204': { description: none } }
          /with-body:
            post:
              operationId: withBody
              parameters:
                - { name: Content-Type, in: header, schema: { type: string, enum: [text/plain] } }
              requestBody:
                required: true
                content: { application/json: { schema: { type: object } } }
              responses: { '204': { description: none } }
        """;

    [Fact]
    public void BodylessOperationWithOneContentTypeValueSendsItAndNoOtherDoes()
    {
        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/headers.yaml"] = Spec });

        result.CompileDiagnostics.ShouldBeEmpty(string.Join("\n", result.CompileDiagnostics.Take(20)));
        var client = result.Sources.Single(s => s.HintName.EndsWith("HeadersClient.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        Method(client, "SingleEnumAsync").ShouldContain("request.SetBodylessContentType(\"application/json\");");
        Method(client, "ByDefaultAsync").ShouldContain("request.SetBodylessContentType(\"application/json\");");
        Method(client, "TwoValuesAsync").ShouldNotContain("SetBodylessContentType");
        Method(client, "WithBodyAsync").ShouldNotContain("SetBodylessContentType");
        client.ShouldNotContain("string contentType", customMessage: "a Content-Type parameter never becomes a method parameter");
    }

    private static string Method(string source, string name)
    {
        var start = source.IndexOf(" " + name + "(", System.StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, name);
        var end = source.IndexOf("ResolveBaseAddress", start, System.StringComparison.Ordinal);
        var next = source.IndexOf("Async(", start + name.Length + 2, System.StringComparison.Ordinal);
        return source.Substring(start, (next > 0 && next < end ? next : end) - start);
    }
}
