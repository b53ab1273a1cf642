namespace SpecClients.Generator.Input;

/// <summary>One spec file and the settings that apply to it; the text is part of equality so an edit re-parses only this spec.</summary>
/// <param name="Path">The file's full path, used for diagnostics.</param>
/// <param name="FileStem">The file name without extension.</param>
/// <param name="Namespace">The namespace for generated types.</param>
/// <param name="ClientName">The client class name.</param>
/// <param name="IsPublic">Whether generated types are public.</param>
internal sealed record SpecInput(string Path, string FileStem, string Text, string Namespace, string ClientName, bool IsPublic);
