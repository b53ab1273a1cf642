using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using SpecClients.Benchmarks.Infrastructure;

namespace SpecClients.Benchmarks.Generator;

/// <summary>
/// Re-runs of a driver that has run once, as in the IDE or a compiler server: after an unrelated C# edit (target for
/// Stripe: under 1 ms, every output cached), and after an edit of one spec among several. The drivers are immutable,
/// so each invocation repeats the same incremental step from the same state.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class IncrementalBenchmarks
{
    private Compilation _compilation = null!;
    private Compilation _edited = null!;
    private GeneratorDriver _providers = null!;
    private GeneratorDriver _stripe = null!;
    private GeneratorDriver _providersFincodeEdited = null!;
    private GeneratorDriver _providersAndStripeFincodeEdited = null!;
    private GeneratorDriver _stripeSchemaEdited = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = SpecDriver.Compilation();
        _edited = SpecDriver.WithUnrelatedEdit(_compilation);
        var providers = Scenarios.Providers();
        var fincode = providers.Single(p => p.Path.EndsWith("fincode.yaml", System.StringComparison.Ordinal));
        var stripe = Scenarios.Stripe();

        _providers = SpecDriver.Checked(SpecDriver.Create(providers).RunGenerators(_compilation));
        _stripe = SpecDriver.Checked(SpecDriver.Create(new[] { stripe }).RunGenerators(_compilation));
        _providersFincodeEdited = _providers.ReplaceAdditionalText(fincode, Scenarios.EditFincode(fincode));
        var all = SpecDriver.Checked(SpecDriver.Create(providers.Append(stripe)).RunGenerators(_compilation));
        _providersAndStripeFincodeEdited = all.ReplaceAdditionalText(fincode, Scenarios.EditFincode(fincode));
        _stripeSchemaEdited = _stripe.ReplaceAdditionalText(stripe, Scenarios.EditStripeSchema(stripe));
    }

    [Benchmark]
    public GeneratorDriver FiveProviders_UnrelatedCSharpEdit() => _providers.RunGenerators(_edited);

    /// <summary>Target: under 1 ms with every output cached.</summary>
    [Benchmark]
    public GeneratorDriver Stripe_UnrelatedCSharpEdit() => _stripe.RunGenerators(_edited);

    /// <summary>As the compiler does it: the run plus the updated compilation with the (cached) generated trees.</summary>
    [Benchmark]
    public Compilation Stripe_UnrelatedCSharpEdit_UpdateCompilation()
    {
        _stripe.RunGeneratorsAndUpdateCompilation(_edited, out var output, out _);
        return output;
    }

    [Benchmark]
    public GeneratorDriver FiveProviders_EditOneSpec() => _providersFincodeEdited.RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver FiveProvidersAndStripe_EditOneProviderSpec() => _providersAndStripeFincodeEdited.RunGenerators(_compilation);

    /// <summary>One property added to one Stripe schema: the whole document is parsed again.</summary>
    [Benchmark]
    public GeneratorDriver Stripe_EditOneSchema() => _stripeSchemaEdited.RunGenerators(_compilation);
}
