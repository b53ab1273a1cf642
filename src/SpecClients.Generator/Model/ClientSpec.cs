using System.Linq;

namespace SpecClients.Generator.Model;

/// <summary>The client class of a spec, with its options, servers and security schemes.</summary>
/// <param name="Name">The client class.</param>
/// <param name="OptionsName">Its options class.</param>
/// <param name="ServerEnumName">The enum of the spec's servers.</param>
/// <param name="AuthName">The class of token providers and authenticators, emitted when <see cref="HasAuth"/>.</param>
/// <param name="ServiceCollectionExtensionsName">The static class of <c>services.Add{Client}()</c>.</param>
internal sealed record ClientSpec(
    string Name,
    string OptionsName,
    string ServerEnumName,
    string AuthName,
    string ServiceCollectionExtensionsName,
    string ApiTitle,
    string? Description,
    EquatableArray<ServerSpec> Servers,
    EquatableArray<ServerVariableSpec> ServerVariables,
    EquatableArray<SecuritySchemeSpec> SecuritySchemes,
    EquatableArray<OperationSpec> Operations,
    EquatableArray<TokenSourceSpec> TokenSources)
{
    /// <summary>Whether a scheme signs requests through the user's <c>IRequestSigner</c>.</summary>
    public bool HasSigning => SecuritySchemes.Any(s => s.Signature is not null);

    /// <summary>Whether the client has an auth class: tokens to obtain or requests to sign.</summary>
    public bool HasAuth => TokenSources.Count > 0 || HasSigning;
}

/// <summary>A <c>servers</c> entry, chosen by name in the options.</summary>
internal sealed record ServerSpec(string Name, string Url, string? Description, EquatableArray<ServerVariableDefault> Defaults);

internal sealed record ServerVariableDefault(string Variable, string Default);

/// <summary>A server variable: a typed option; null means "the chosen server's default".</summary>
/// <param name="AllowedValues">The values the spec lists, if any.</param>
/// <param name="EnumName">The enum of <paramref name="AllowedValues"/>, nested in the options class; null when the spec lists none.</param>
/// <param name="AllowedValueNames">The enum's member for each of <paramref name="AllowedValues"/>, in the same order.</param>
internal sealed record ServerVariableSpec(
    string WireName,
    string PropertyName,
    string? Description,
    EquatableArray<string> AllowedValues,
    string? EnumName,
    EquatableArray<string> AllowedValueNames);

internal enum ParameterLocation
{
    Path,
    Query,
    Header,
    Cookie,
}

internal sealed record ParameterSpec(
    string WireName,
    string Name,
    ParameterLocation Location,
    TypeRef Type,
    bool Required,
    bool Explode,
    string Style,
    bool Deprecated,
    string? Description);

internal enum BodyKind
{
    Json,
    Form,

    /// <summary><c>multipart/form-data</c>: one part per field of <see cref="BodySpec.FormFields"/>.</summary>
    Multipart,
    Binary,
    Text,
}

/// <summary>A request body; form and multipart bodies list their fields so the client writes them without reflection.</summary>
/// <param name="Nullable">A JSON body whose schema admits null: the parameter is <c>T?</c> and a null is sent as JSON <c>null</c>.</param>
internal sealed record BodySpec(BodyKind Kind, string MediaType, TypeRef Type, bool Required, EquatableArray<FormFieldSpec> FormFields, bool Nullable = false);

/// <summary>A field of a form body, or a part of a multipart body.</summary>
/// <param name="ContentType">A multipart part's media type from the spec's <c>encoding</c> (or a 3.1 <c>contentMediaType</c>); null for the default.</param>
/// <param name="DeepObject">A multipart field whose <c>encoding</c> sets <c>style: deepObject</c>: sent as text parts named <c>a[b]</c>, as a form field is.</param>
internal sealed record FormFieldSpec(string WireName, string PropertyName, TypeRef Type, bool IsNullable, string? ContentType = null, bool DeepObject = false);

/// <summary>A declared response: <see cref="Status"/> is a code such as "200", a range such as "4XX", or "default".</summary>
/// <param name="Nullable">A JSON body whose schema admits null: read as <c>T?</c>, a JSON <c>null</c> as null.</param>
internal sealed record ResponseSpec(string Status, TypeRef? Type, bool IsText, bool Nullable = false);

/// <summary>One alternative of a security requirement: every named scheme applies together.</summary>
/// <param name="Scopes">The scopes the alternative lists, for the schemes that list any.</param>
internal sealed record SecurityAlternativeSpec(EquatableArray<string> Schemes, EquatableArray<SchemeScopesSpec> Scopes);

internal sealed record OperationSpec(
    string OperationId,
    string MethodName,
    string HttpMethod,
    string Path,
    string? Summary,
    string? Description,
    bool Deprecated,
    EquatableArray<ParameterSpec> Parameters,
    BodySpec? Body,
    ResponseSpec? Success,
    EquatableArray<ResponseSpec> Errors,
    EquatableArray<SecurityAlternativeSpec> Security,
    EquatableArray<string> ServerUrls,
    TokenEndpointSpec? TokenEndpoint,
    string? BodylessContentType = null);
