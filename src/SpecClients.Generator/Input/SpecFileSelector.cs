using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SpecClients.Generator.Naming;

namespace SpecClients.Generator.Input;

/// <summary>Decides which AdditionalFiles are specs and what they are called.</summary>
internal static class SpecFileSelector
{
    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";
    private const string PropertyPrefix = "build_property.";

    /// <summary>
    /// A spec is an AdditionalFile under a <c>specs</c> folder of the project with extension .yaml, .yml or .json,
    /// or any AdditionalFile marked <c>SpecClients_Spec="true"</c>; <c>SpecClients_Spec="false"</c> opts a file out.
    /// </summary>
    public static SpecInput? Select(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        var fileOptions = optionsProvider.GetOptions(file);
        var global = optionsProvider.GlobalOptions;
        fileOptions.TryGetValue(MetadataPrefix + "SpecClients_Spec", out var marked);
        if (string.Equals(marked, "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var isMarked = string.Equals(marked, "true", StringComparison.OrdinalIgnoreCase);
        if (!isMarked && !IsInSpecsFolder(file.Path, global))
        {
            return null;
        }

        var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        var stem = Path.GetFileNameWithoutExtension(file.Path);
        var stemPascal = Identifiers.Pascal(stem);

        var rootNamespace = First(global, "SpecClients_RootNamespace", "RootNamespace") ?? "SpecClients.Generated";
        var ns = NonEmpty(fileOptions, MetadataPrefix + "SpecClients_Namespace") ?? rootNamespace + "." + stemPascal;
        var clientName = NonEmpty(fileOptions, MetadataPrefix + "SpecClients_ClientName") ?? stemPascal + "Client";
        var visibility = First(global, "SpecClients_Visibility");
        var isPublic = !string.Equals(visibility, "internal", StringComparison.OrdinalIgnoreCase);

        var selection = OperationSelection.Parse(SelectionList(fileOptions, "SpecClients_Operations"), SelectionList(fileOptions, "SpecClients_Tags"));

        // Per spec (item metadata) first, then for the project; anything but "strict" keeps the extensible default.
        var enums = NonEmpty(fileOptions, MetadataPrefix + "SpecClients_Enums") ?? First(global, "SpecClients_Enums");
        var strictEnums = string.Equals(enums, "strict", StringComparison.OrdinalIgnoreCase);
        var allExpansions = string.Equals(NonEmpty(fileOptions, MetadataPrefix + "SpecClients_Expansions"), "all", StringComparison.OrdinalIgnoreCase);
        return new SpecInput(file.Path, stem, text, ns, clientName, isPublic, selection, strictEnums, allExpansions);
    }

    private static bool IsInSpecsFolder(string path, AnalyzerConfigOptions global)
    {
        var extension = Path.GetExtension(path);
        if (!extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase)
            && !extension.Equals(".yml", StringComparison.OrdinalIgnoreCase)
            && !extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var folder = First(global, "SpecClients_SpecsFolder") ?? "specs";
        var normalized = path.Replace('\\', '/');
        global.TryGetValue(PropertyPrefix + "ProjectDir", out var projectDir);
        if (!string.IsNullOrEmpty(projectDir))
        {
            var root = projectDir!.Replace('\\', '/').TrimEnd('/') + "/" + folder.Trim('/') + "/";
            return normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase);
        }

        // Without the project directory (e.g. in-memory compilations) any folder of that name counts.
        return normalized.IndexOf("/" + folder.Trim('/') + "/", StringComparison.OrdinalIgnoreCase) >= 0
            || normalized.StartsWith(folder.Trim('/') + "/", StringComparison.OrdinalIgnoreCase);
    }

    private static string? First(AnalyzerConfigOptions options, params string[] names)
    {
        foreach (var name in names)
        {
            var value = NonEmpty(options, PropertyPrefix + name);
            if (value is not null)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// A selection list as MSBuild wrote it: percent-encoded by <c>build/SpecClients.props</c> (the compiler's
    /// .editorconfig reader cuts a plain value at its first <c>;</c> or <c>#</c>), or plain where no MSBuild target ran.
    /// </summary>
    private static string? SelectionList(AnalyzerConfigOptions fileOptions, string metadataName)
    {
        var encoded = NonEmpty(fileOptions, MetadataPrefix + metadataName + "Encoded");
        return encoded is not null ? Uri.UnescapeDataString(encoded) : NonEmpty(fileOptions, MetadataPrefix + metadataName);
    }

    private static string? NonEmpty(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
