using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SpecClients.Generator.Diagnostics;

/// <summary>
/// Every diagnostic SpecClients reports. Ids come in blocks: 0xx file and YAML, 1xx schemas, 2xx operations and servers,
/// 3xx security and auth, 9xx internal. Each is documented in docs/diagnostics.md and tracked in AnalyzerReleases.*.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string HelpBase = "https://github.com/specclients/specclients/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor YamlSyntaxError = Error(
        "SPC001", "Spec file is not valid YAML or JSON", "Spec '{0}' could not be read: {1}", "SpecClients.Input");

    public static readonly DiagnosticDescriptor NotAnOpenApiDocument = Error(
        "SPC002", "Spec file is not an OpenAPI document", "Spec '{0}' is not an OpenAPI 3.x document: {1}", "SpecClients.Input");

    public static readonly DiagnosticDescriptor SwaggerNotSupported = Error(
        "SPC003", "Swagger 2.0 is not supported", "Spec '{0}' is Swagger {1}; convert it to OpenAPI 3.0 or 3.1", "SpecClients.Input");

    public static readonly DiagnosticDescriptor LimitExceeded = Error(
        "SPC004", "Spec exceeds a generator limit", "Spec '{0}' exceeds the {1} limit of {2}; the generator stops here to keep builds and the IDE responsive", "SpecClients.Input");

    public static readonly DiagnosticDescriptor EmptySpec = Error(
        "SPC005", "Spec file is empty", "Spec '{0}' is empty", "SpecClients.Input");

    /// <summary>A rule of the OpenAPI specification is broken; the reader keeps going and code is generated.</summary>
    public static readonly DiagnosticDescriptor OpenApiError = Warning(
        "SPC010", "OpenAPI document breaks a rule", "{0}: {1}", "SpecClients.Input");

    public static readonly DiagnosticDescriptor OpenApiUnreadable = Error(
        "SPC012", "OpenAPI document cannot be read", "Spec '{0}' could not be read as OpenAPI: {1}", "SpecClients.Input");

    public static readonly DiagnosticDescriptor OpenApiWarning = Warning(
        "SPC011", "OpenAPI document warning", "{0}: {1}", "SpecClients.Input");

    public static readonly DiagnosticDescriptor UnsupportedSchema = Warning(
        "SPC101", "Schema construct approximated", "{0}: {1} is not supported yet; the value is kept as JsonElement", "SpecClients.Schemas");

    public static readonly DiagnosticDescriptor UnresolvedReference = Warning(
        "SPC102", "Unresolved $ref", "{0}: $ref '{1}' does not resolve within the document (external references are never fetched)", "SpecClients.Schemas");

    public static readonly DiagnosticDescriptor NameCollision = Warning(
        "SPC103", "Generated name collides", "{0}: the C# name '{1}' is already taken; '{2}' is used instead", "SpecClients.Schemas");

    public static readonly DiagnosticDescriptor PartlySupportedSchema = Warning(
        "SPC104", "Schema construct partly supported", "{0}: {1}; {2}", "SpecClients.Schemas");

    public static readonly DiagnosticDescriptor UnsupportedMediaType = Warning(
        "SPC201", "Media type not supported", "{0}: media type '{1}' is not supported yet; {2}", "SpecClients.Operations");

    public static readonly DiagnosticDescriptor RelativeServerUrl = Warning(
        "SPC202", "Server URL is relative", "{0}: server URL '{1}' is relative; set the client's BaseAddress option", "SpecClients.Operations");

    public static readonly DiagnosticDescriptor UndeclaredPathParameter = Warning(
        "SPC203", "Path parameter not declared", "{0}: path parameter '{1}' is used in the path but not declared", "SpecClients.Operations");

    public static readonly DiagnosticDescriptor MultipartPartHeaders = Warning(
        "SPC204", "Multipart part headers not sent", "{0}: the encoding of part '{1}' declares headers ({2}); the client sends the part without them", "SpecClients.Operations");

    public static readonly DiagnosticDescriptor SelectionMatchesNothing = Warning(
        "SPC205", "Operation selection matches nothing", "{0}: SpecClients_{1} lists '{2}', which no operation of this spec has", "SpecClients.Operations");

    public static readonly DiagnosticDescriptor DuplicateOperationId = Warning(
        "SPC206", "Duplicate operationId", "{0}: operationId '{1}' is also the operationId of {2}; that operation's method is '{3}' and this one's is '{4}'", "SpecClients.Operations");

    public static readonly DiagnosticDescriptor UndefinedSecurityScheme = Warning(
        "SPC301", "Security requirement names an undefined scheme", "{0}: security scheme '{1}' is not defined in components.securitySchemes; {2}", "SpecClients.Security");

    public static readonly DiagnosticDescriptor TokenOperationNotFound = Error(
        "SPC302", "x-token names an unknown operation", "{0}: x-token operation '{1}' is not an operationId of this document", "SpecClients.Security");

    public static readonly DiagnosticDescriptor TokenPointerUnresolved = Error(
        "SPC303", "x-token pointer does not resolve", "{0}: '{1}' does not name a member of the token operation's success response", "SpecClients.Security");

    public static readonly DiagnosticDescriptor UnsupportedSecurityScheme = Warning(
        "SPC304", "Security scheme not supported", "{0}: {1}; requests needing it are sent without it unless you attach it yourself", "SpecClients.Security");

    public static readonly DiagnosticDescriptor InvalidExtension = Error(
        "SPC305", "Invalid x- extension", "{0}: {1}", "SpecClients.Security");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "SPC900", "SpecClients failed on this spec", "Spec '{0}' could not be processed ({1}); please report this with the spec", "SpecClients.Internal");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
