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
/// Inline schemas of the same shape share one type, and its name is decided from every use of the shape: a component's
/// name first, then the operation that uses the shape as its body or response, never the first use in document order
/// (Discord's <c>GetChannelAsync</c> returned <c>ResolvedObjectsResponseChannelsValue</c>).
/// </summary>
public sealed class InlineTypeNamingTests
{
    private const string Namespace = "global::Chat.";

    private static readonly string[] Paths =
    {
        // First in the document, so that walking in document order meets the shared shapes inside components first.
        """
          /guilds/{guild_id}/resolved:
            get:
              operationId: getResolved
              parameters: [{name: guild_id, in: path, required: true, schema: {type: string}}]
              responses:
                '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/ResolvedObjects'}}}}
        """,
        """
          /channels/{channel_id}:
            parameters: [{name: channel_id, in: path, required: true, schema: {type: string}}]
            get:
              operationId: getChannel
              responses:
                '200': {description: OK, content: {application/json: {schema: {type: object, properties: {id: {type: string}, topic: {type: string}}}}}}
            patch:
              operationId: updateChannel
              requestBody: {content: {application/json: {schema: {type: object, properties: {topic: {type: string}}}}}}
              responses:
                '200': {description: OK, content: {application/json: {schema: {type: object, properties: {id: {type: string}, topic: {type: string}}}}}}
        """,
        """
          /pets/findByStatus:
            get:
              operationId: findPetsByStatus
              parameters: [{name: status, in: query, schema: {type: string, enum: [available, sold]}}]
              responses:
                '200': {description: OK, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}
        """,
        """
          /users/@me:
            get:
              operationId: getCurrentUser
              responses:
                '200': {description: OK, content: {application/json: {schema: {type: object, properties: {id: {type: string}, username: {type: string}}}}}}
        """,
        """
          /pins:
            get:
              operationId: listPins
              responses:
                '200': {description: OK, content: {application/json: {schema: {type: object, properties: {text: {type: string}, pinned: {type: boolean}}}}}}
        """,
        """
          /messages:
            get:
              operationId: listMessages
              responses:
                '200': {description: OK, content: {application/json: {schema: {type: object, properties: {text: {type: string}, pinned: {type: boolean}}}}}}
        """,
    };

    private static readonly string[] Components =
    {
        """
            Beta:
              type: object
              properties:
                shared: {type: object, properties: {code: {type: string}}}
        """,
        """
            Account:
              type: object
              properties:
                owner: {type: object, properties: {id: {type: string}, username: {type: string}}}
        """,
        """
            ResolvedObjects:
              type: object
              properties:
                channels: {type: object, additionalProperties: {type: object, properties: {id: {type: string}, topic: {type: string}}}}
        """,
        """
            Pet: {type: object, properties: {status: {type: string, enum: [available, sold]}}}
        """,
        """
            User: {type: object, properties: {id: {type: string}, username: {type: string}}}
        """,
        """
            Alpha:
              type: object
              properties:
                shared: {type: object, properties: {code: {type: string}}}
        """,
    };

    private static string Spec(IEnumerable<string> paths, IEnumerable<string> components) =>
        "openapi: 3.0.3\ninfo: {title: Chat, version: '1'}\nservers: [{url: 'https://chat.example.com'}]\npaths:\n"
        + string.Concat(paths.Select(p => p.TrimEnd() + "\n"))
        + "components:\n  schemas:\n"
        + string.Concat(components.Select(c => c.TrimEnd() + "\n"));

    private static ApiSpec Parse(string text)
    {
        var result = SpecParser.Parse(new SpecInput("/project/specs/chat.yaml", "chat", text, "Chat", "ChatClient", true), "1.0.0", CancellationToken.None);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    private static string Returns(ApiSpec spec, string method) => spec.Client!.Operations.Single(o => o.MethodName == method).Success!.Type!.Name;

    private static TypeRef PropertyType(ApiSpec spec, string record, string property) =>
        spec.Types.OfType<ObjectSpec>().Single(t => t.Name == record).Properties.Single(p => p.Name == property).Type;

    [Fact]
    public void AnOperationsInlineResponseIsNamedAfterTheOperationNotAfterAComponentThatNestsTheSameShape()
    {
        var spec = Parse(Spec(Paths, Components));

        Returns(spec, "GetChannelAsync").ShouldBe(Namespace + "GetChannelResponse");
        Returns(spec, "UpdateChannelAsync").ShouldBe(Namespace + "GetChannelResponse");
        PropertyType(spec, "ResolvedObjects", "Channels").Element!.Name.ShouldBe(Namespace + "GetChannelResponse");
        spec.Types.Select(t => t.Name).ShouldNotContain("ResolvedObjectsChannelsValue");
    }

    [Fact]
    public void AnInlineShapeThatIsAComponentsShapeTakesTheComponentEvenWhenMetFirst()
    {
        var spec = Parse(Spec(Paths, Components));

        Returns(spec, "GetCurrentUserAsync").ShouldBe(Namespace + "User");
        PropertyType(spec, "Account", "Owner").Name.ShouldBe(Namespace + "User");
        spec.Types.Select(t => t.Name).ShouldNotContain("AccountOwner");
    }

    [Fact]
    public void AnEnumAComponentsPropertyAndAParameterShareIsNamedAfterTheProperty()
    {
        var spec = Parse(Spec(Paths, Components));

        spec.Client!.Operations.Single(o => o.MethodName == "FindPetsByStatusAsync").Parameters.Single().Type.Name.ShouldBe(Namespace + "PetStatus");
        PropertyType(spec, "Pet", "Status").Name.ShouldBe(Namespace + "PetStatus");
    }

    [Fact]
    public void ShapesSharedByOperationsOrByComponentsAreNamedByPathAndComponentNameNotDocumentOrder()
    {
        var spec = Parse(Spec(Paths, Components));

        // "/messages" sorts before "/pins", "Alpha" before "Beta", although the document lists them the other way.
        Returns(spec, "ListPinsAsync").ShouldBe(Namespace + "ListMessagesResponse");
        PropertyType(spec, "Beta", "Shared").Name.ShouldBe(Namespace + "AlphaShared");
    }

    [Fact]
    public void ReorderingPathsAndComponentsGivesTheSameTypesAndNames()
    {
        var original = Parse(Spec(Paths, Components));
        var reordered = Parse(Spec(Paths.Reverse(), Components.Reverse()));

        reordered.Types.ShouldBe(original.Types);
        static List<string> Signatures(ApiSpec spec) =>
            spec.Client!.Operations.Select(o => o.MethodName + ": " + o.Body?.Type.Name + " -> " + o.Success?.Type?.Name).OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        Signatures(reordered).ShouldBe(Signatures(original));
    }

    [Fact]
    public void TheSharedTypesCompileWithoutWarnings()
    {
        var result = GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/chat.yaml"] = Spec(Paths, Components) });

        result.Exception.ShouldBeNull();
        result.SpecDiagnostics.ShouldBeEmpty(string.Join("\n", result.SpecDiagnostics));
        result.CompileDiagnostics.ShouldBeEmpty(string.Join("\n", result.CompileDiagnostics));
    }
}
