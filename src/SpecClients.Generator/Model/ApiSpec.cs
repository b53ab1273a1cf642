namespace SpecClients.Generator.Model;

/// <summary>Everything one spec file generates, free of compiler and reader objects.</summary>
/// <param name="Context">The naming and visibility facts every output of this spec shares.</param>
/// <param name="Types">Records, enums and unions; how they are spread over files is <c>OutputLayout</c>'s choice.</param>
/// <param name="Client">The client class; null when the document has no operations.</param>
internal sealed record ApiSpec(SpecContext Context, EquatableArray<TypeSpec> Types, ClientSpec? Client);

/// <summary>The facts each output of a spec needs to place itself.</summary>
/// <param name="SpecFileName">The spec's file name without extension, used in hint names.</param>
/// <param name="Namespace">The C# namespace of every generated type.</param>
/// <param name="IsPublic">Whether generated types are public (else internal).</param>
/// <param name="GeneratorVersion">The version written into <c>[GeneratedCode]</c>.</param>
internal sealed record SpecContext(string SpecFileName, string Namespace, bool IsPublic, string GeneratorVersion)
{
    public string Accessibility => IsPublic ? "public" : "internal";
}

internal enum OutputPart
{
    /// <summary>One type in a file of its own.</summary>
    Type,

    /// <summary>Several types of a large spec sharing one file (see <c>OutputLayout</c>).</summary>
    TypeGroup,
    Client,
    Options,
    ServerEnum,
    Auth,
    DependencyInjection,
}

/// <summary>One generated file: a type, a group of types, or one of the client's parts, and the context it is emitted in.</summary>
/// <param name="Context">The spec's naming and visibility facts.</param>
/// <param name="Types">The types in the file: one for <see cref="OutputPart.Type"/>, several for <see cref="OutputPart.TypeGroup"/>, none otherwise.</param>
/// <param name="Client">The client, for the client's parts.</param>
/// <param name="Kind">What the file holds.</param>
/// <param name="Group">The group number of a <see cref="OutputPart.TypeGroup"/>, used in its hint name.</param>
internal sealed record OutputSpec(SpecContext Context, EquatableArray<TypeSpec> Types, ClientSpec? Client, OutputPart Kind, int Group = 0);
