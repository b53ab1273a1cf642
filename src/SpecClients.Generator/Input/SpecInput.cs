using System;
using System.Linq;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Input;

/// <summary>One spec file and the settings that apply to it; the text is part of equality so an edit re-parses only this spec.</summary>
/// <param name="Path">The file's full path, used for diagnostics.</param>
/// <param name="FileStem">The file name without extension.</param>
/// <param name="Namespace">The namespace for generated types.</param>
/// <param name="ClientName">The client class name.</param>
/// <param name="IsPublic">Whether generated types are public.</param>
/// <param name="Selection">Which operations to generate; null for all of them.</param>
/// <param name="StrictEnums">
/// <c>SpecClients_Enums=strict</c>: enums are C# <c>enum</c>s and a value the spec does not list fails to read; by default
/// they are extensible structs that keep such a value.
/// </param>
/// <param name="AllExpansions">
/// <c>SpecClients_Expansions=all</c> (item metadata): with a selection, an expandable reference's objects are typed even
/// where the selection reaches them only through such references; by default they are kept as JSON there.
/// </param>
internal sealed record SpecInput(
    string Path,
    string FileStem,
    string Text,
    string Namespace,
    string ClientName,
    bool IsPublic,
    OperationSelection? Selection = null,
    bool StrictEnums = false,
    bool AllExpansions = false);

/// <summary>
/// The operations a project asked for (<c>SpecClients_Operations</c> and <c>SpecClients_Tags</c> metadata): an operation
/// is generated when its operationId or one of its tags is listed, and a schema only when a generated operation reaches it.
/// </summary>
/// <param name="OperationIds">Listed operationIds, compared exactly.</param>
/// <param name="Tags">Listed tags, compared exactly.</param>
internal sealed record OperationSelection(EquatableArray<string> OperationIds, EquatableArray<string> Tags)
{
    private static readonly char[] Separators = { ';', '\r', '\n' };

    /// <summary>A selection from two lists separated by semicolons (MSBuild's list separator; tags may contain spaces); null when both are empty.</summary>
    public static OperationSelection? Parse(string? operationIds, string? tags)
    {
        var ids = Split(operationIds);
        var tagList = Split(tags);
        return ids.Count == 0 && tagList.Count == 0 ? null : new OperationSelection(ids, tagList);
    }

    private static EquatableArray<string> Split(string? list) =>
        (list ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.Trim())
            .Where(item => item.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(item => item, StringComparer.Ordinal)
            .ToEquatableArray();
}
