using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpecClients.Benchmarks.Infrastructure;

namespace SpecClients.Benchmarks.Generator;

/// <summary>The specs and edits the incremental benchmarks and the <c>incremental</c> report share.</summary>
internal static class Scenarios
{
    /// <summary>An edit of one schema in Stripe: a property added to <c>apple_pay_domain</c>.</summary>
    public const string StripeSchemaAnchor = "    apple_pay_domain:\n      description: ''\n      properties:\n";

    public static AdditionalText[] Providers() =>
        Paths.ProviderSpecs.Select(f => SpecDriver.Spec("/project/specs/" + f, File.ReadAllText(Paths.Spec(f)))).ToArray();

    public static AdditionalText Stripe() => Corpus("stripe-spec3.yaml");

    public static AdditionalText Corpus(string file) => SpecDriver.Spec("/project/specs/" + file, File.ReadAllText(Paths.CorpusSpec(file)));

    /// <summary>FinCode with one field description changed (one request record changes).</summary>
    public static AdditionalText EditFincode(AdditionalText fincode) =>
        SpecDriver.Spec(fincode.Path, Replace(fincode, "description: Your username", "description: Your user name, as registered"));

    /// <summary>Stripe with one property added to one schema.</summary>
    public static AdditionalText EditStripeSchema(AdditionalText stripe) =>
        SpecDriver.Spec(stripe.Path, Replace(stripe, StripeSchemaAnchor, StripeSchemaAnchor + "        benchmark_note:\n          description: Added by the benchmark.\n          type: string\n"));

    private static string Replace(AdditionalText file, string find, string replacement)
    {
        var text = file.GetText()!.ToString();
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException("The edit anchor must occur exactly once in " + file.Path);
        }

        return text.Substring(0, at) + replacement + text.Substring(at + find.Length);
    }
}
