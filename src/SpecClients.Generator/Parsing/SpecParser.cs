using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Input;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Parsing;

/// <summary>Spec text → equatable model and diagnostics. The only stage that sees YamlDotNet and Microsoft.OpenApi types.</summary>
internal static class SpecParser
{
    public static Result<ApiSpec> Parse(SpecInput input, string generatorVersion, CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        try
        {
            var spec = ParseCore(input, generatorVersion, diagnostics, cancellationToken);
            return new Result<ApiSpec>(spec, diagnostics.ToEquatableArray());
        }
        catch (InsufficientExecutionStackException)
        {
            diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.LimitExceeded.Id, FileStart(input.Path), new[] { input.Path, "schema reference depth", "what the compiler's stack allows" }.ToEquatableArray()));
            return new Result<ApiSpec>(null, diagnostics.ToEquatableArray());
        }
        catch (SpecReadException ex)
        {
            diagnostics.Add(new DiagnosticInfo(ex.DiagnosticId, ex.Location ?? FileStart(input.Path), new[] { input.Path }.Concat(ex.Arguments).ToEquatableArray()));
            return new Result<ApiSpec>(null, diagnostics.ToEquatableArray());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A generator bug must not break the user's build with CS8785: report it against the spec instead.
            diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.InternalError.Id, FileStart(input.Path), new[] { input.Path, ex.GetType().Name + ": " + ex.Message }.ToEquatableArray()));
            return new Result<ApiSpec>(null, diagnostics.ToEquatableArray());
        }
    }

    private static ApiSpec? ParseCore(SpecInput input, string generatorVersion, ImmutableArray<DiagnosticInfo>.Builder diagnostics, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            throw new SpecReadException(DiagnosticDescriptors.EmptySpec.Id, null);
        }

        var tree = YamlDocumentTree.Load(input.Text, input.Path, cancellationToken);
        if (tree.Json is not JsonObject root)
        {
            throw new SpecReadException(DiagnosticDescriptors.NotAnOpenApiDocument.Id, tree.Locate(null), "the top level is not a mapping");
        }

        if (root["swagger"] is JsonValue swagger)
        {
            throw new SpecReadException(DiagnosticDescriptors.SwaggerNotSupported.Id, tree.Locate("/swagger"), swagger.ToString());
        }

        if (root["openapi"] is not JsonValue versionNode || !versionNode.ToString().StartsWith("3.", StringComparison.Ordinal))
        {
            var found = root["openapi"] is null ? "it has no 'openapi' field" : "'openapi' is not a 3.x version";
            throw new SpecReadException(DiagnosticDescriptors.NotAnOpenApiDocument.Id, tree.Locate(root["openapi"] is null ? null : "/openapi"), found);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var repairs = ReaderGuard.Repair(root);
        var scope = SelectionScope.For(root, input);
        if (scope is not null)
        {
            // Findings about operations and schemas the selection leaves out concern code that is not generated.
            repairs = repairs.Where(r => scope.Contains(r.Pointer)).ToList();
        }

        if (repairs.Count > 0)
        {
            var repaired = tree.LocateAll(repairs.Select(r => (string?)r.Pointer).ToList());
            for (var i = 0; i < repairs.Count; i++)
            {
                diagnostics.Add(new DiagnosticInfo(repairs[i].Id, repaired[i], repairs[i].Arguments.ToEquatableArray()));
            }
        }

        ReadResult result;
        try
        {
            result = ReadOpenApi(root, input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Microsoft.OpenApi's reader throws on some malformed documents instead of reporting them.
            throw new SpecReadException(DiagnosticDescriptors.OpenApiUnreadable.Id, tree.Locate(null), "the OpenAPI reader rejected the document (" + ex.GetType().Name + ": " + ex.Message + ")");
        }

        var reported = ReaderMessages(result);
        if (scope is not null)
        {
            reported = reported.Where(r => scope.Contains(r.Error.Pointer)).ToList();
        }

        if (reported.Count > 0)
        {
            var locations = tree.LocateAll(reported.Select(r => r.Error.Pointer).ToList());
            for (var i = 0; i < reported.Count; i++)
            {
                diagnostics.Add(new DiagnosticInfo(reported[i].Id, locations[i], new[] { Pointer(reported[i].Error.Pointer), reported[i].Error.Message }.ToEquatableArray()));
            }
        }

        if (result.Document is null)
        {
            throw new SpecReadException(DiagnosticDescriptors.OpenApiUnreadable.Id, tree.Locate(null), "the OpenAPI reader returned no document");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var context = new SpecContext(input.FileStem, input.Namespace, input.IsPublic, generatorVersion);
        return new ModelBuilder(input, context, result.Document, tree, diagnostics, cancellationToken, scope).Build().Spec;
    }

    /// <summary>The OpenAPI document in a YAML tree's JSON; external references are never loaded (no I/O beyond AdditionalText).</summary>
    internal static ReadResult ReadOpenApi(JsonObject root, SpecInput input) =>
        new OpenApiJsonReader().Read(root, new Uri("file:///" + input.FileStem + ".json"), new OpenApiReaderSettings { LoadExternalRefs = false });

    /// <summary>The reader's errors and warnings, each with the id it is reported under.</summary>
    internal static List<(string Id, OpenApiError Error)> ReaderMessages(ReadResult result) =>
        (result.Diagnostic?.Errors ?? Array.Empty<OpenApiError>()).Select(e => (Id: DiagnosticDescriptors.OpenApiError.Id, Error: e))
            .Concat((result.Diagnostic?.Warnings ?? Array.Empty<OpenApiError>()).Select(w => (Id: DiagnosticDescriptors.OpenApiWarning.Id, Error: w)))
            .ToList();

    private static string Pointer(string? pointer) => string.IsNullOrEmpty(pointer) ? "#" : pointer!.StartsWith("#", StringComparison.Ordinal) ? pointer : "#" + pointer;

    private static LocationInfo FileStart(string path) => new(path, 0, 0, 0, 0);
}
