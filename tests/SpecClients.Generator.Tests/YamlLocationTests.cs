using System.Threading;
using Shouldly;
using SpecClients.Generator.Parsing;
using Xunit;

namespace SpecClients.Generator.Tests;

/// <summary>
/// Finding JSON pointers in the YAML: one pass for many pointers, which stops as soon as every answer is known, so the
/// answers must not depend on where in the document the pass stops.
/// </summary>
public sealed class YamlLocationTests
{
    private const string Yaml = """
        openapi: 3.0.3
        info:
          title: Sample
          version: '1'
        paths:
          /a~b:
            get:
              parameters:
                - name: first
                  in: query
                - name: second
                  in: query
        components:
          schemas:
            Pet:
              type: object
              properties:
                name: {type: string}
            Tail:
              type: string
        """;

    private static YamlDocumentTree Tree() => YamlDocumentTree.Load(Yaml, "/specs/sample.yaml", CancellationToken.None);

    [Theory]
    [InlineData("/info/title", 2, 2)]
    [InlineData("/paths/~1a~0b/get/parameters/1", 10, 10)]
    [InlineData("/paths/~1a~0b/get/parameters/1/in", 11, 10)]
    [InlineData("/components/schemas/Pet/properties/name/type", 17, 15)]
    [InlineData("/components/schemas/Tail", 18, 4)]
    [InlineData("/components/schemas/Missing/type", 13, 2)]
    [InlineData("/info/title/deeper", 2, 2)]
    [InlineData("/paths/~1a~0b/get/parameters/7", 7, 6)]
    [InlineData(null, 0, 0)]
    public void APointerIsFoundAtItsKeyOrItsNearestExistingAncestor(string? pointer, int line, int column)
    {
        var location = Tree().Locate(pointer);

        (location.Line, location.Column).ShouldBe((line, column));
    }

    [Fact]
    public void ManyPointersInOnePassGiveTheSameAnswersAsOneAtATime()
    {
        string?[] pointers =
        {
            "/components/schemas/Tail",
            "/info",
            "/info/title/deeper",
            "/components/schemas/Missing",
            "/paths/~1a~0b/get/parameters/0/name",
            "/info",
            null,
        };

        var together = Tree().LocateAll(pointers);

        for (var i = 0; i < pointers.Length; i++)
        {
            together[i].ShouldBe(Tree().Locate(pointers[i]), pointers[i]);
        }
    }
}
