using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>
/// Decides which files a spec generates: each type in a file of its own while the spec has at most
/// <see cref="MaxTypeFiles"/> types, and beyond that the types spread over <see cref="MaxTypeFiles"/> files by a stable
/// hash of their names; the client's parts always get a file each.
/// </summary>
/// <remarks>
/// The bound exists because Roslyn's driver re-adds every cached source on every run and checks each hint name against
/// those added before it, so even a fully cached run costs time quadratic in the number of files (docs/performance.md:
/// 3.2 ms for Stripe's 1,949 files, 0.1 ms for the same types in 64). Hashing the name, not sorting into chunks, keeps a
/// type in the same file when others are added or removed, so a schema edit re-emits one group of about
/// types / 64 types and the other groups stay cached.
/// </remarks>
internal static class OutputLayout
{
    /// <summary>The most type files one spec produces.</summary>
    public const int MaxTypeFiles = 64;

    /// <summary>The outputs of one spec, in a deterministic order.</summary>
    public static IEnumerable<OutputSpec> Fan(ApiSpec spec)
    {
        foreach (var output in TypeOutputs(spec))
        {
            yield return output;
        }

        if (spec.Client is not { } client)
        {
            yield break;
        }

        yield return ClientPart(spec.Context, client, OutputPart.Client);
        yield return ClientPart(spec.Context, client, OutputPart.Options);
        if (client.Servers.Count > 0)
        {
            yield return ClientPart(spec.Context, client, OutputPart.ServerEnum);
        }

        if (client.HasAuth)
        {
            yield return ClientPart(spec.Context, client, OutputPart.Auth);
        }

        yield return ClientPart(spec.Context, client, OutputPart.DependencyInjection);
    }

    /// <summary>The hint names of the files that hold the spec's types (not the client's parts).</summary>
    public static IEnumerable<string> TypeHintNames(ApiSpec spec) => TypeOutputs(spec).Select(HintName);

    /// <summary>The hint name of an output: <c>{spec}.{Type}.g.cs</c>, or <c>{spec}.Types{nn}.g.cs</c> for a group.</summary>
    public static string HintName(OutputSpec output) => output.Kind switch
    {
        OutputPart.Type => FileHeader.HintName(output.Context, output.Types[0].Name),
        OutputPart.TypeGroup => FileHeader.HintName(output.Context, "Types" + output.Group.ToString("00", System.Globalization.CultureInfo.InvariantCulture)),
        OutputPart.Client => FileHeader.HintName(output.Context, output.Client!.Name),
        OutputPart.Options => FileHeader.HintName(output.Context, output.Client!.OptionsName),
        OutputPart.ServerEnum => FileHeader.HintName(output.Context, output.Client!.ServerEnumName),
        OutputPart.Auth => FileHeader.HintName(output.Context, output.Client!.AuthName),
        _ => FileHeader.HintName(output.Context, output.Client!.ServiceCollectionExtensionsName),
    };

    /// <summary>The group a type of a large spec belongs to: FNV-1a of its name, which unlike <c>string.GetHashCode</c> is the same in every process.</summary>
    public static int GroupOf(string typeName)
    {
        var hash = 2166136261u;
        foreach (var c in typeName)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash % MaxTypeFiles);
    }

    private static IEnumerable<OutputSpec> TypeOutputs(ApiSpec spec)
    {
        if (spec.Types.Count <= MaxTypeFiles)
        {
            return spec.Types.Select(type => new OutputSpec(spec.Context, new EquatableArray<TypeSpec>(ImmutableArray.Create(type)), null, OutputPart.Type));
        }

        return spec.Types
            .GroupBy(type => GroupOf(type.Name))
            .OrderBy(group => group.Key)
            .Select(group => new OutputSpec(spec.Context, new EquatableArray<TypeSpec>(group), null, OutputPart.TypeGroup, group.Key));
    }

    private static OutputSpec ClientPart(SpecContext context, ClientSpec client, OutputPart part) =>
        new(context, EquatableArray<TypeSpec>.Empty, client, part);
}
