using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SpecClients.Generator.Model;
using SpecClients.Generator.Parsing;
using SpecClients.Testing.Oracle;

namespace SpecClients.Generator.Tests.Infrastructure;

/// <summary>What the schema oracle said about one body the generated code wrote.</summary>
/// <param name="Source">"example" (a corpus example read and written back) or "random" (a random request record).</param>
internal sealed record OracleFinding(string Source, string Location, string SchemaPointer, string Detail)
{
    public override string ToString() => Source + " " + Location + " (" + SchemaPointer + "): " + Detail;
}

/// <summary>
/// The independent check of a corpus run (issue 14 point 5): NJsonSchema validates, against the document's own schema,
/// (b) every example the generated converters read and wrote back, and (c) seeded random instances of every generated
/// request body type written by the generated converters. An example NJsonSchema rejects before our code touches it is
/// the document's problem and is counted, not held against the generator.
/// </summary>
internal static class CorpusOracle
{
    /// <summary>Random instances per request body type in CI; <c>SPECCLIENTS_ORACLE_SAMPLES</c> sets the full size.</summary>
    public const int BoundedSamples = 8;

    public static void CheckExample(SchemaOracle oracle, SpecExample example, string original, string written, CorpusRun run)
    {
        var pointer = oracle.HasSchema(example.SchemaPointer) ? example.SchemaPointer : example.FallbackPointer;
        if (pointer is null || !oracle.HasSchema(pointer))
        {
            return;
        }

        var direction = pointer.Contains("/requestBody/", StringComparison.Ordinal) ? BodyDirection.Request : BodyDirection.Response;
        if (oracle.Validate(pointer, direction, original).Count > 0)
        {
            run.OracleRejectedExamples++;
            return;
        }

        run.OracleChecks++;
        var errors = oracle.Validate(pointer, direction, written);
        if (errors.Count > 0)
        {
            run.OracleFindings.Add(new OracleFinding("example", example.Location, pointer, string.Join(" | ", errors.Take(8)) + " — written: " + Truncate(written)));
        }
    }

    public static void CheckRandomRequests(Assembly assembly, ApiSpec spec, SchemaOracle oracle, CorpusRun run)
    {
        var samples = RandomInstances.Samples(BoundedSamples);
        foreach (var operation in spec.Client?.Operations ?? default)
        {
            if (operation.Body is not { Kind: BodyKind.Json } body || body.Type.Kind is not (TypeKind.Object or TypeKind.Union))
            {
                continue;
            }

            var pointer = "#/paths/" + ModelBuilder.Escape(operation.Path) + "/" + operation.HttpMethod.ToLowerInvariant()
                + "/requestBody/content/" + ModelBuilder.Escape(body.MediaType) + "/schema";
            var type = assembly.GetType(body.Type.Name.Replace("global::", string.Empty, StringComparison.Ordinal));
            if (type is null || !oracle.HasSchema(pointer))
            {
                run.OracleFindings.Add(new OracleFinding("random", operation.HttpMethod + " " + operation.Path, pointer, "no type or schema for the body " + body.Type.Name));
                continue;
            }

            // One seed per operation: a finding names the seed and sample that reproduce it.
            var seed = StableHash(operation.HttpMethod + " " + operation.Path);
            var random = new RandomInstances(seed);
            for (var i = 0; i < samples; i++)
            {
                string written;
                try
                {
                    written = RandomInstances.Write(type, random.Create(type));
                }
                catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
                {
                    run.OracleFindings.Add(new OracleFinding("random", operation.HttpMethod + " " + operation.Path + " seed " + seed + " sample " + i, pointer, ex.GetType().Name + ": " + ex.Message));
                    break;
                }

                run.OracleChecks++;
                var errors = oracle.Validate(pointer, BodyDirection.Request, written, skipValueConstraints: true);
                if (errors.Count > 0)
                {
                    run.OracleFindings.Add(new OracleFinding("random", operation.HttpMethod + " " + operation.Path + " seed " + seed + " sample " + i, pointer, string.Join(" | ", errors.Take(8)) + " — written: " + Truncate(written)));
                    break;
                }
            }
        }
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }

            return hash & 0x7fffffff;
        }
    }

    private static string Truncate(string text) => text.Length > 300 ? text.Substring(0, 297) + "..." : text;
}
