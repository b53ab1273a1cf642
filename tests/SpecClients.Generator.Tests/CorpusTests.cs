using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using SpecClients.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Generator.Tests;

/// <summary>
/// Every public OpenAPI document of the shared corpus (../shared/corpus) goes through the generator as a consumer
/// project's spec would: no generator failure, no SPC error the document does not earn, and generated code that
/// compiles with nullable enabled and no warnings; then every example in the document is read by the generated
/// converters and written back. The large documents carry the LargeCorpus trait so they can be run on their own
/// (<c>--filter Category=LargeCorpus</c>, or excluded with <c>Category!=LargeCorpus</c>); CI runs them all.
/// </summary>
public sealed class CorpusTests
{
    /// <summary>Documents that generate, compile and round-trip in a few seconds each (adyen, the slowest, about 5 s of processor time).</summary>
    public static TheoryData<string> SmallDocuments => new()
    {
        "oai-v3.0-petstore.yaml",
        "oai-v3.0-petstore-expanded.yaml",
        "oai-v3.0-uspto.yaml",
        "oai-v3.1-webhook-example.yaml",
        "swagger-petstore3-openapi.yaml",
        "twilio-oauth-v2.yaml",
        "paypal-payments-payment-v2.json",
        "adyen-checkout-v71.yaml",
    };

    /// <summary>
    /// Documents that take more than about ten seconds of processor time on the 2-core build machine (paypal-checkout
    /// 14 s, xero 12 s, stripe 32 s, square 37 s), and twilio-api-v2010 by size; the whole corpus is about 2 minutes.
    /// </summary>
    public static TheoryData<string> LargeDocuments => new()
    {
        "paypal-checkout-orders-v2.json",
        "xero-accounting.yaml",
        "twilio-api-v2010.yaml",
        "stripe-spec3.yaml",
        "square-connect-api.json",
    };

    /// <summary>
    /// SPC diagnostics a document earns, by id and count, each for a reason in the document itself (checked by hand);
    /// any other SPC error or warning fails the test. Warnings here are constructs the generator knowingly approximates.
    /// </summary>
    private static readonly Dictionary<string, (string Id, int Count, string Reason)[]> ExpectedDiagnostics = new(StringComparer.Ordinal)
    {
        ["square-connect-api.json"] = new[]
        {
            ("SPC010", 2, "info.externalDocs is not a field of the Info object (the reader rejects it)"),
            ("SPC011", 5, "five $refs to #/components/schemas/CatalogModifierToggleOverrideType, which the document does not define"),
            ("SPC102", 5, "the same five dangling $refs, typed JsonElement"),
            ("SPC203", 1, "PUT /v2/vendors/{vendor_id} does not declare its path parameter vendor_id"),
        },
        ["xero-accounting.yaml"] = new[]
        {
            ("SPC010", 14, "paths such as /Accounts/{AccountID}/Attachments/{FileName} and .../{AttachmentID} differ only in a parameter name, which OpenAPI forbids"),
        },
    };

    /// <summary>
    /// Documents whose generated client file does not compile yet, with the reason. Empty: every client compiles. When
    /// an entry is added, the test checks that only the client fails, and fails once it compiles again.
    /// </summary>
    /// <summary>The operations of each document whose body is sent as multipart/form-data parts; every other document has none.</summary>
    private static readonly Dictionary<string, string[]> MultipartOperations = new(StringComparer.Ordinal)
    {
        ["stripe-spec3.yaml"] = new[] { "POST /v1/files" },
        ["square-connect-api.json"] = new[] { "POST /v2/catalog/images", "PUT /v2/catalog/images/{image_id}", "POST /v2/disputes/{dispute_id}/evidence-files", "POST /v2/invoices/{invoice_id}/attachments" },
    };

    /// <summary>
    /// Oracle findings that are known, each with the text every one of them contains and how many the seeded run finds,
    /// so that any other finding, or one more, fails. square: the spec's <c>RiskEvaluation</c> lists <c>status</c> in
    /// <c>required</c> but declares no such property, so no typed client can write it (a defect of the spec). adyen: a
    /// random <c>paymentMethod</c> (a oneOf of 58 payment-method schemas, several of them sharing members) that the
    /// validator matches to no branch or to more than one; not yet triaged between the random instance and the spec.
    /// </summary>
    private static readonly Dictionary<string, (string Contains, int Count)> KnownOracleFindings = new(StringComparer.Ordinal)
    {
        ["square-connect-api.json"] = ("#/payment.risk_evaluation.status: PropertyRequired (status)", 1),
        ["adyen-checkout-v71.yaml"] = ("#/paymentMethod: NotOneOf (paymentMethod)", 1),
    };

    private static readonly Dictionary<string, string> KnownClientIssues = new(StringComparer.Ordinal);

    private readonly ITestOutputHelper _output;

    public CorpusTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryCorpusDocumentIsTestedOnce()
    {
        var files = Directory.GetFiles(CorpusRun.Folder).Select(f => Path.GetFileName(f)).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var listed = Enumerable.Concat<object[]>(SmallDocuments, LargeDocuments).Select(row => (string)row[0]).OrderBy(f => f, StringComparer.Ordinal).ToList();

        files.Count.ShouldBe(13);
        listed.ShouldBe(files);
    }

    [Theory]
    [MemberData(nameof(SmallDocuments))]
    public void CorpusDocumentGeneratesCodeThatCompiles(string file) => AssertGeneratesAndCompiles(file);

    [Theory]
    [Trait("Category", "LargeCorpus")]
    [MemberData(nameof(LargeDocuments))]
    public void LargeCorpusDocumentGeneratesCodeThatCompiles(string file) => AssertGeneratesAndCompiles(file);

    [Theory]
    [MemberData(nameof(SmallDocuments))]
    public void CorpusExamplesRoundTrip(string file) => AssertExamplesRoundTrip(file);

    [Theory]
    [Trait("Category", "LargeCorpus")]
    [MemberData(nameof(LargeDocuments))]
    public void LargeCorpusExamplesRoundTrip(string file) => AssertExamplesRoundTrip(file);

    [Theory]
    [MemberData(nameof(SmallDocuments))]
    public void CorpusBodiesTheClientsWriteSatisfyTheSchemaOracle(string file) => AssertOracleAgrees(file);

    [Theory]
    [Trait("Category", "LargeCorpus")]
    [MemberData(nameof(LargeDocuments))]
    public void LargeCorpusBodiesTheClientsWriteSatisfyTheSchemaOracle(string file) => AssertOracleAgrees(file);

    /// <summary>
    /// NJsonSchema validates what the generated converters wrote: every example read and written back, and seeded
    /// random instances of every request body type (<c>SPECCLIENTS_ORACLE_SAMPLES</c> for more than the CI bound).
    /// </summary>
    private void AssertOracleAgrees(string file)
    {
        var run = CorpusRun.For(file);
        _output.WriteLine(run.Summary());
        foreach (var finding in run.OracleFindings)
        {
            _output.WriteLine("  " + finding);
        }

        run.TypeDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        if (KnownOracleFindings.TryGetValue(file, out var known))
        {
            run.OracleFindings.ShouldAllBe(finding => finding.ToString().Contains(known.Contains), string.Join("\n", run.OracleFindings.Take(20)));
            if (Environment.GetEnvironmentVariable("SPECCLIENTS_ORACLE_SAMPLES") is null)
            {
                // The count holds for the seeded CI bound only; more samples find more instances of the same finding.
                run.OracleFindings.Count.ShouldBe(known.Count, string.Join("\n", run.OracleFindings.Take(20)));
            }

            return;
        }

        run.OracleFindings.ShouldBeEmpty(string.Join("\n", run.OracleFindings.Take(20)));
    }

    private void AssertGeneratesAndCompiles(string file)
    {
        var run = CorpusRun.For(file);
        _output.WriteLine(run.Summary());
        foreach (var diagnostic in run.SpecDiagnostics.Take(50))
        {
            _output.WriteLine("  " + diagnostic);
        }

        foreach (var diagnostic in run.HarnessDiagnostics.Take(10))
        {
            _output.WriteLine("  harness: " + diagnostic);
        }

        run.GeneratorException.ShouldBeNull();
        run.GeneratorFailures.ShouldBeEmpty(string.Join("\n", run.GeneratorFailures));
        run.SourceCount.ShouldBeGreaterThan(0);

        var expected = ExpectedDiagnostics.TryGetValue(file, out var list) ? list : Array.Empty<(string Id, int Count, string Reason)>();
        var actual = run.SpecDiagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
        actual.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " x" + p.Value)
            .ShouldBe(expected.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id + " x" + e.Count), string.Join("\n", run.SpecDiagnostics.Take(30)));

        run.MultipartOperations.OrderBy(o => o, StringComparer.Ordinal)
            .ShouldBe((MultipartOperations.TryGetValue(file, out var multipart) ? multipart : Array.Empty<string>()).OrderBy(o => o, StringComparer.Ordinal));
        run.HarnessDiagnostics.ShouldBeEmpty(string.Join("\n", run.HarnessDiagnostics.Take(20)));
        run.TypeDiagnostics.ShouldBeEmpty(string.Join("\n", run.TypeDiagnostics.Take(20)));
        if (KnownClientIssues.TryGetValue(file, out var issue))
        {
            _output.WriteLine("Known client issue: " + issue);
            foreach (var diagnostic in run.ClientDiagnostics.Take(10))
            {
                _output.WriteLine("  " + diagnostic);
            }

            run.ClientDiagnostics.ShouldNotBeEmpty("The client of " + file + " compiles now: remove it from KnownClientIssues.");
            run.ClientDiagnostics.ShouldAllBe(d => d.File.EndsWith("Client.g.cs", StringComparison.Ordinal), string.Join("\n", run.ClientDiagnostics.Where(d => !d.File.EndsWith("Client.g.cs", StringComparison.Ordinal)).Take(20)));
        }
        else
        {
            run.ClientDiagnostics.ShouldBeEmpty(string.Join("\n", run.ClientDiagnostics.Take(20)));
        }
    }

    private void AssertExamplesRoundTrip(string file)
    {
        var run = CorpusRun.For(file);
        _output.WriteLine(run.Summary());
        foreach (var outcome in run.Examples.Where(e => e.Status != ExampleStatus.Passed))
        {
            _output.WriteLine("  " + outcome);
        }

        run.TypeDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        run.HarnessDiagnostics.ShouldBeEmpty(string.Join("\n", run.HarnessDiagnostics.Take(20)));
        run.Examples.Where(e => e.Status == ExampleStatus.Failed).ShouldBeEmpty(string.Join("\n", run.Examples.Where(e => e.Status == ExampleStatus.Failed).Take(30)));
    }
}
