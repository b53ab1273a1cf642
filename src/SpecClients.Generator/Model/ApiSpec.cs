namespace SpecClients.Generator.Model;

/// <summary>Everything one spec file generates, free of compiler and reader objects.</summary>
/// <param name="Context">The naming and visibility facts every output of this spec shares.</param>
/// <param name="Types">Records and enums, one output each.</param>
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
    Type,
    Client,
    Options,
    ServerEnum,
    Auth,
    DependencyInjection,
}

/// <summary>One generated file: a type, or one of the client's parts, and the context it is emitted in.</summary>
internal sealed record OutputSpec(SpecContext Context, TypeSpec? Type, ClientSpec? Client, OutputPart Kind);
