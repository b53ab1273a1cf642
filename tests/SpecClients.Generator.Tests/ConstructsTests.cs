using SpecClients.Testing;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Shouldly;
using SpecClients.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Generator.Tests;

/// <summary>
/// Specs/constructs.yaml holds one of each schema construct the corpus showed (composition, OpenAPI 3.1 keywords,
/// readOnly/writeOnly, formats, awkward names, large enums): its output is checked in, compiles without warnings, every
/// example in it round-trips, and the union and discriminator accessors behave as documented.
/// </summary>
public sealed class ConstructsTests
{
    private static readonly string SpecPath = Path.Combine(RepositoryPaths.TestProject("SpecClients.Generator.Tests"), "Specs", "constructs.yaml");

    private readonly ITestOutputHelper _output;

    public ConstructsTests(ITestOutputHelper output) => _output = output;

    private static GenerationResult Generate(params string[] sources) =>
        GeneratorHarness.Run(new Dictionary<string, string> { ["/project/specs/constructs.yaml"] = File.ReadAllText(SpecPath) }, null, sources);

    [Fact]
    public void ConstructsMatchTheirSnapshot()
    {
        var result = Generate();

        Snapshot.Verify("constructs", result.Sources);
    }

    [Fact]
    public void ConstructsCompileWithoutWarningsAndReportOnlyTheirDeliberateWarnings()
    {
        var run = CorpusRun.ForPath(SpecPath);
        _output.WriteLine(run.Summary());

        run.GeneratorException.ShouldBeNull();
        run.GeneratorFailures.ShouldBeEmpty();
        // Microsoft.OpenApi does not resolve a $ref into $defs and warns (SPC011); the generator resolves it itself.
        // order_item, OrderItem and ORDERITEM are one C# name: two of them get a suffix (SPC103).
        run.SpecDiagnostics.Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal).ToArray().ShouldBe(new[] { "SPC011", "SPC103", "SPC103" }, string.Join("\n", run.SpecDiagnostics));
        run.SpecDiagnostics.Single(d => d.Id == "SPC011").Message.ShouldContain("$defs");
        run.TypeDiagnostics.ShouldBeEmpty(string.Join("\n", run.TypeDiagnostics));
        run.ClientDiagnostics.ShouldBeEmpty(string.Join("\n", run.ClientDiagnostics));
        run.HarnessDiagnostics.ShouldBeEmpty(string.Join("\n", run.HarnessDiagnostics));
    }

    [Fact]
    public void SupportDocumentNamesEverySchemaDiagnostic()
    {
        var support = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "openapi-support.md"));
        foreach (var descriptor in SpecClients.Generator.Diagnostics.DiagnosticDescriptors.All.Where(d => d.Id.StartsWith("SPC1", System.StringComparison.Ordinal)))
        {
            support.ShouldContain(descriptor.Id, customMessage: descriptor.Id + " approximates a schema construct: docs/openapi-support.md should say which");
        }
    }

    [Fact]
    public void EveryConstructsExampleRoundTrips()
    {
        var run = CorpusRun.ForPath(SpecPath);
        foreach (var outcome in run.Examples)
        {
            _output.WriteLine(outcome.ToString());
        }

        run.Examples.Count.ShouldBeGreaterThan(10);
        run.Examples.ShouldAllBe(e => e.Status == ExampleStatus.Passed, string.Join("\n", run.Examples.Where(e => e.Status != ExampleStatus.Passed)));
    }

    [Fact]
    public void UnionsAndDiscriminatorsBehaveAsDocumented()
    {
        // Written against the generated API as a user would; compiled with it and run in memory.
        const string probe = """"
            #nullable enable
            using System.Collections.Generic;
            using System.Text;
            using SpecClients.Generated.Constructs;
            using SpecClients.Runtime.Json;

            namespace Probe;

            public static class Checks
            {
                private static T Read<T>(string json, JsonReadFunc<T> read) => JsonWrite.FromUtf8Bytes(Encoding.UTF8.GetBytes(json), read);

                private static string Write<T>(T value, JsonWriteAction<T> write) => JsonWrite.ToJsonString(value, write);

                public static string Run()
                {
                    var failures = new List<string>();
                    void Check(bool condition, string what) { if (!condition) failures.Add(what); }

                    // Discriminator mapping: the `type` member names the branch.
                    var ideal = Read("""{"type":"ideal","issuer":"ing"}""", PaymentMethod.JsonConverter.ReadValue);
                    Check(ideal.Case == PaymentMethod.Cases.IdealDetails, "ideal case " + ideal.Case);
                    Check(ideal.IsIdealDetails && !ideal.IsCardDetails, "ideal Is");
                    Check(ideal.TryGetIdealDetails(out var details) && details.Issuer == "ing", "ideal TryGet");
                    Check(!ideal.TryGetCardDetails(out _), "ideal is no card");
                    Check(ideal.Match(card => "card", i => "ideal:" + i.Issuer, w => "wallet", u => "unknown") == "ideal:ing", "ideal Match");

                    // No mapping entry: the branch whose const `type` fits.
                    var wallet = Read("""{"type":"wallet","token":"t"}""", PaymentMethod.JsonConverter.ReadValue);
                    Check(wallet.Case == PaymentMethod.Cases.WalletDetails, "wallet case " + wallet.Case);

                    // A value no branch describes is kept, not lost.
                    var unknown = Read("""{"type":"bitcoin","address":"x"}""", PaymentMethod.JsonConverter.ReadValue);
                    Check(unknown.Case == PaymentMethod.Cases.Unknown, "unknown case " + unknown.Case);
                    Check(Write(unknown, PaymentMethod.JsonConverter.WriteValue) == """{"type":"bitcoin","address":"x"}""", "unknown kept");

                    // Building from a branch, implicitly, and equality by value.
                    PaymentMethod built = new CardDetails { Type = CardDetailsType.Card, Number = "4111" };
                    Check(built.Case == PaymentMethod.Cases.CardDetails, "built case");
                    var same = Read("""{"number":"4111","type":"card"}""", PaymentMethod.JsonConverter.ReadValue);
                    Check(built == same && !(built != same), "equal by value");
                    Check(built.Equals((object)same) && built.GetHashCode() == same.GetHashCode(), "Equals(object) and hash by value");
                    Check(built != wallet && !built.Equals(wallet), "other values differ");
                    Check(built.ToString() == "PaymentMethod { Case = CardDetails }", "ToString names the branch, not the value: " + built);
                    Check(!same.Equals(null), "not equal to null");
                    PaymentMethod? none = null;
                    Check(none == null && same != none, "null compares as null");

                    // anyOf string | object without a discriminator: told apart by JSON kind.
                    var id = Read("\"cus_1\"", ExpandableCustomer.JsonConverter.ReadValue);
                    Check(id.IsString && id.AsString() == "cus_1", "expandable id");
                    var expanded = Read("""{"id":"cus_1","email":"e"}""", ExpandableCustomer.JsonConverter.ReadValue);
                    Check(expanded.IsCustomer && expanded.AsCustomer().Email == "e", "expandable object");
                    ExpandableCustomer fromString = "cus_2";
                    Check(Write(fromString, ExpandableCustomer.JsonConverter.WriteValue) == "\"cus_2\"", "from string");

                    // oneOf of objects: told apart by required members.
                    var rectangle = Read("""{"width":1,"height":2}""", Shape.JsonConverter.ReadValue);
                    Check(rectangle.IsRectangle && rectangle.AsRectangle().Height == 2f, "rectangle " + rectangle.Case);
                    Check(Read("""{"radius":1}""", Shape.JsonConverter.ReadValue).IsCircle, "circle");

                    // Integer or "": told apart by JSON kind and the allowed value.
                    var limit = Read("""{"amount":"1","method":{"type":"card","number":"1"},"limit":""}""", PaymentRequest.JsonConverter.ReadValue).Limit!;
                    Check(limit.IsEmpty && !limit.IsInt64, "limit empty");
                    Check(PaymentRequestLimit.FromInt64(5).IsInt64, "limit int");

                    // A type array [string, integer].
                    var reference = Read("""{"id":"p","amount":"1","status":"received","reference":12}""", Payment.JsonConverter.ReadValue).Reference!;
                    Check(reference.IsInt64 && reference.AsInt64() == 12, "reference int");

                    // allOf inheritance: the base record reaches its subtypes through the discriminator.
                    var pet = Read("""{"petType":"dog","name":"Rex","packSize":3}""", Pet.JsonConverter.ReadValue);
                    Check(pet.IsDog && !pet.IsCat, "pet is dog");
                    Check(pet.TryGetDog(out var dog) && dog.PackSize == 3 && dog.Name == "Rex", "pet as dog");
                    var back = Pet.FromDog(dog!);
                    Check(Write(back, Pet.JsonConverter.WriteValue).Contains("\"packSize\":3"), "dog as pet keeps packSize");

                    // readOnly: not required of the caller; writeOnly: not required in what is read.
                    var request = new PaymentRequest { Amount = "1", Method = built };
                    Check(request.Password is null, "writeOnly optional");
                    var payment = Read("""{"amount":"1","status":"received"}""", Payment.JsonConverter.ReadValue);
                    Check(payment.Id is null, "readOnly id may be absent");

                    return string.Join("; ", failures);
                }
            }
            """";

        GeneratedCode.RunProbe(Generate(probe), "constructs-probe").ShouldBeEmpty();
    }
}
