using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Emit;
using SpecClients.Generator.Input;
using SpecClients.Generator.Model;
using SpecClients.Generator.Parsing;

namespace SpecClients.Generator;

/// <summary>
/// The pipeline's stages, one call each, for the tools that time them (<c>SpecClients.Benchmarks</c>' incremental
/// report; visible to it through InternalsVisibleTo). The only generator API the tools use besides the public
/// <see cref="SpecClientsGenerator"/>: the stages behind it can be reorganised without touching the tools.
/// </summary>
internal static class GeneratorStages
{
    /// <summary>The names of the incremental steps, in pipeline order (the driver reports its timings under these names).</summary>
    public static IReadOnlyList<string> TrackedSteps { get; } = new[]
    {
        TrackingNames.SpecFiles, TrackingNames.Parsed, TrackingNames.Diagnostics, TrackingNames.Model, TrackingNames.Outputs,
    };

    /// <summary>A spec file with the settings an MSBuild item would give it.</summary>
    public static SpecInput Input(string path, string text, string @namespace, string clientName) =>
        new(path, System.IO.Path.GetFileNameWithoutExtension(path), text, @namespace, clientName, IsPublic: true);

    /// <summary>Stage 1: YAML (or JSON) text → a JSON tree that remembers where each node was.</summary>
    public static YamlStage ReadYaml(SpecInput input) => new(input, YamlDocumentTree.Load(input.Text, input.Path, CancellationToken.None));

    /// <summary>Stage 2: the JSON tree → Microsoft.OpenApi's document.</summary>
    public static OpenApiStage ReadOpenApi(YamlStage yaml)
    {
        var read = SpecParser.ReadOpenApi((JsonObject)yaml.Tree.Json!, yaml.Input);
        return new(yaml, read.Document!, SpecParser.ReaderMessages(read).Select(m => (string?)m.Error.Pointer).ToList());
    }

    /// <summary>Stage 2b: finds the YAML position of every error and warning the OpenAPI reader reported.</summary>
    public static void LocateReaderMessages(OpenApiStage document) => document.Yaml.Tree.LocateAll(document.MessagePointers);

    /// <summary>Stage 3: the OpenAPI document → the equatable model.</summary>
    public static ApiSpec BuildModel(OpenApiStage document) => Build(document, withSchemaTypes: false).Spec;

    /// <summary>
    /// Stage 3 with where each schema went: the C# type of every schema pointer the model maps (the corpus run meets a
    /// document's examples with the types that read them through it).
    /// </summary>
    public static (ApiSpec Spec, IReadOnlyDictionary<string, TypeRef> SchemaTypes) BuildModelWithSchemaTypes(OpenApiStage document)
    {
        var build = Build(document, withSchemaTypes: true);
        return (build.Spec, build.SchemaTypes);
    }

    private static ModelBuild Build(OpenApiStage document, bool withSchemaTypes)
    {
        var input = document.Yaml.Input;
        var context = new SpecContext(input.FileStem, input.Namespace, input.IsPublic, SpecClientsGenerator.Version);
        var scope = SelectionScope.For((JsonObject)document.Yaml.Tree.Json!, input);
        return new ModelBuilder(input, context, document.Document, document.Yaml.Tree, ImmutableArray.CreateBuilder<DiagnosticInfo>(), CancellationToken.None, scope).Build(withSchemaTypes);
    }

    /// <summary>Stages 1 to 3 as the generator runs them, with their diagnostics.</summary>
    public static Result<ApiSpec> Parse(SpecInput input) => SpecParser.Parse(input, SpecClientsGenerator.Version, CancellationToken.None);

    /// <summary>Stage 4: the model → one output per generated file.</summary>
    public static IReadOnlyList<OutputSpec> Fan(ApiSpec spec) => OutputLayout.Fan(spec).ToList();

    /// <summary>Stage 5: one output → its hint name and source text.</summary>
    public static (string HintName, string Text) Emit(OutputSpec output) => Emitter.Emit(output);

    /// <summary>The result of <see cref="ReadYaml"/>.</summary>
    internal sealed class YamlStage
    {
        internal YamlStage(SpecInput input, YamlDocumentTree tree) => (Input, Tree) = (input, tree);

        internal SpecInput Input { get; }

        internal YamlDocumentTree Tree { get; }
    }

    /// <summary>The result of <see cref="ReadOpenApi"/>.</summary>
    internal sealed class OpenApiStage
    {
        internal OpenApiStage(YamlStage yaml, OpenApiDocument document, List<string?> messagePointers) =>
            (Yaml, Document, MessagePointers) = (yaml, document, messagePointers);

        internal YamlStage Yaml { get; }

        internal OpenApiDocument Document { get; }

        /// <summary>Where the reader's errors and warnings point.</summary>
        public int MessageCount => MessagePointers.Count;

        internal List<string?> MessagePointers { get; }
    }
}
