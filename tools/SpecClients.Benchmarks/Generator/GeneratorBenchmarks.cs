using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using SpecClients.Benchmarks.Infrastructure;

namespace SpecClients.Benchmarks.Generator;

/// <summary>
/// A whole generator run with a new driver (nothing cached): what a first build, or a build after a restart of the
/// compiler server, pays. The process is warm (JIT done); for a cold process see the command-line tool.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class GeneratorBenchmarks
{
    private AdditionalText[] _providers = null!;
    private AdditionalText[] _payPal = null!;
    private AdditionalText[] _adyen = null!;
    private AdditionalText[] _stripe = null!;
    private Compilation _compilation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _providers = Paths.ProviderSpecs.Select(f => SpecDriver.Spec("/project/specs/" + f, File.ReadAllText(Paths.Spec(f)))).ToArray();
        _payPal = new[] { Corpus("paypal-checkout-orders-v2.json") };
        _adyen = new[] { Corpus("adyen-checkout-v71.yaml") };
        _stripe = new[] { Corpus("stripe-spec3.yaml") };
        _compilation = SpecDriver.Compilation();

        // A benchmark of a run that threw would measure nothing useful.
        SpecDriver.Checked(Run(_providers));
        SpecDriver.Checked(Run(_payPal));
        SpecDriver.Checked(Run(_adyen));
        SpecDriver.Checked(Run(_stripe));
    }

    /// <summary>The five provider specs of specs/ together (target: under 20 ms).</summary>
    [Benchmark]
    public GeneratorDriver FiveProviderSpecs() => Run(_providers);

    /// <summary>PayPal Checkout Orders v2: 564 KB JSON, 210 schemas.</summary>
    [Benchmark]
    public GeneratorDriver PayPalOrders_564KB() => Run(_payPal);

    /// <summary>Adyen Checkout v71: 778 KB YAML, 250 schemas.</summary>
    [Benchmark]
    public GeneratorDriver AdyenCheckout_778KB() => Run(_adyen);

    /// <summary>Stripe: 4.2 MB YAML, 819 schemas, 468 operations (target: under 1.5 s warm).</summary>
    [Benchmark]
    public GeneratorDriver Stripe_4MB_FirstRun() => Run(_stripe);

    private GeneratorDriver Run(AdditionalText[] specs) => SpecDriver.Create(specs).RunGenerators(_compilation);

    private static AdditionalText Corpus(string file) => SpecDriver.Spec("/project/specs/" + file, File.ReadAllText(Paths.CorpusSpec(file)));
}
