using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.OpenApi;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Model;
using SpecClients.Generator.Naming;
using static SpecClients.Generator.Parsing.SchemaClassifier;

namespace SpecClients.Generator.Parsing;

internal sealed partial class ModelBuilder
{
    private readonly Dictionary<string, SchemeFacts> _schemes = new(StringComparer.Ordinal);
    private readonly List<string> _schemeOrder = new();

    /// <summary>The <c>x-token</c> of each scheme that has one whose operation exists.</summary>
    private readonly Dictionary<string, TokenExtension> _tokenExtensions = new(StringComparer.Ordinal);

    /// <summary>A security scheme as read, before the operations say whether its <c>x-token</c> operation exists.</summary>
    private sealed record SchemeFacts(
        string Name,
        string PropertyName,
        SecuritySchemeKind Kind,
        string? ParameterName,
        ApiKeyLocation Location,
        string? Description,
        EquatableArray<OAuthFlowSpec> Flows,
        SignatureExtensionSpec? Signature,
        bool Inferred)
    {
        public SecuritySchemeSpec ToSpec(bool issuedByOperation) => new(
            Name, PropertyName, MemberNames.SchemeOptions(Kind, PropertyName), Kind, ParameterName, Location, Description, Flows, issuedByOperation, Signature, Inferred);
    }

    private void BuildSecuritySchemes()
    {
        foreach (var entry in _document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>())
        {
            var pointer = "#/components/securitySchemes/" + Escape(entry.Key);
            var scheme = entry.Value;
            if (scheme is null)
            {
                Report(DiagnosticDescriptors.OpenApiError, pointer, pointer, "a security scheme must be a mapping");
                continue;
            }

            var kind = SecuritySchemeKind.Unsupported;
            var location = ApiKeyLocation.Header;
            string? parameterName = null;
            switch (scheme.Type)
            {
                case SecuritySchemeType.ApiKey:
                    kind = SecuritySchemeKind.ApiKey;
                    parameterName = scheme.Name;
                    location = scheme.In switch
                    {
                        Microsoft.OpenApi.ParameterLocation.Query => ApiKeyLocation.Query,
                        Microsoft.OpenApi.ParameterLocation.Cookie => ApiKeyLocation.Cookie,
                        _ => ApiKeyLocation.Header,
                    };
                    break;
                case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "basic", StringComparison.OrdinalIgnoreCase):
                    kind = SecuritySchemeKind.HttpBasic;
                    break;
                case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase):
                    kind = SecuritySchemeKind.HttpBearer;
                    break;
                case SecuritySchemeType.OAuth2:
                    kind = SecuritySchemeKind.OAuth2;
                    break;
                case SecuritySchemeType.OpenIdConnect:
                    kind = SecuritySchemeKind.OpenIdConnect;
                    break;
            }

            if (kind == SecuritySchemeKind.Unsupported)
            {
                Report(DiagnosticDescriptors.UnsupportedSecurityScheme, pointer, pointer, "scheme type '" + scheme.Type + "' " + (scheme.Scheme ?? string.Empty));
            }

            var flows = BuildFlows(scheme.Flows);
            if (TokenExtensionReader.Read(scheme.Extensions, pointer + "/" + TokenExtensionReader.Name, _pending) is { } token)
            {
                _tokenExtensions[entry.Key] = token;
            }

            var signature = SignatureExtensionReader.Read(scheme.Extensions, pointer + "/" + SignatureExtensionReader.Name, _pending);
            AddScheme(new SchemeFacts(entry.Key, _optionNames!.Claim(Identifiers.Pascal(entry.Key)), kind, parameterName, location, Clean(scheme.Description), flows, signature, Inferred: false));
        }
    }

    private void AddScheme(SchemeFacts scheme)
    {
        _schemes[scheme.Name] = scheme;
        _schemeOrder.Add(scheme.Name);
    }

    private static EquatableArray<OAuthFlowSpec> BuildFlows(OpenApiOAuthFlows? flows)
    {
        if (flows is null)
        {
            return EquatableArray<OAuthFlowSpec>.Empty;
        }

        var list = new List<OAuthFlowSpec>();
        void Add(OAuthFlowKind kind, OpenApiOAuthFlow? flow)
        {
            if (flow is not null)
            {
                var scopes = (flow.Scopes?.Keys ?? Enumerable.Empty<string>()).OrderBy(s => s, StringComparer.Ordinal).ToEquatableArray();
                list.Add(new OAuthFlowSpec(kind, flow.TokenUrl?.OriginalString, flow.RefreshUrl?.OriginalString, scopes));
            }
        }

        Add(OAuthFlowKind.ClientCredentials, flows.ClientCredentials);
        Add(OAuthFlowKind.Password, flows.Password);
        Add(OAuthFlowKind.AuthorizationCode, flows.AuthorizationCode);
        Add(OAuthFlowKind.Implicit, flows.Implicit);
        return list.ToEquatableArray();
    }

    private EquatableArray<SecurityAlternativeSpec> BuildSecurity(IList<OpenApiSecurityRequirement>? requirements, string pointer)
    {
        if (requirements is null)
        {
            return EquatableArray<SecurityAlternativeSpec>.Empty;
        }

        var alternatives = new List<SecurityAlternativeSpec>();
        for (var i = 0; i < requirements.Count; i++)
        {
            var requirement = requirements[i];
            var names = new List<string>();
            var scopes = new List<SchemeScopesSpec>();
            foreach (var entry in requirement ?? Enumerable.Empty<KeyValuePair<OpenApiSecuritySchemeReference, List<string>>>())
            {
                var key = entry.Key;
                var name = key.Reference?.Id;
                if (name is null)
                {
                    continue;
                }

                if (!_schemes.ContainsKey(name) && !TryInferScheme(name, pointer + "/" + i.ToString(CultureInfo.InvariantCulture) + "/" + Escape(name)))
                {
                    continue;
                }

                names.Add(name);
                var listed = (entry.Value ?? new List<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToEquatableArray();
                if (!listed.IsEmpty)
                {
                    scopes.Add(new SchemeScopesSpec(name, listed));
                }
            }

            alternatives.Add(new SecurityAlternativeSpec(names.ToEquatableArray(), scopes.ToEquatableArray()));
        }

        // [{}] or only-undefined schemes: anonymous access.
        if (alternatives.All(a => a.Schemes.IsEmpty))
        {
            return EquatableArray<SecurityAlternativeSpec>.Empty;
        }

        return alternatives.ToEquatableArray();
    }

    /// <summary>
    /// A requirement naming an undefined scheme (FinCode's <c>basicAuth</c>) is reported; a name that says "basic" is
    /// assumed to be HTTP Basic, as OAuth2 token endpoints use, so the client can still send client credentials.
    /// </summary>
    private bool TryInferScheme(string name, string pointer)
    {
        if (name.IndexOf("basic", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            Report(DiagnosticDescriptors.UndefinedSecurityScheme, pointer, pointer, name, "it is assumed to be HTTP Basic authentication");
            AddScheme(new SchemeFacts(name, _optionNames!.Claim(Identifiers.Pascal(name)), SecuritySchemeKind.HttpBasic, null, ApiKeyLocation.Header, null, EquatableArray<OAuthFlowSpec>.Empty, null, Inferred: true));
            return true;
        }

        Report(DiagnosticDescriptors.UndefinedSecurityScheme, pointer, pointer, name, "requests are sent without it");
        return false;
    }

    /// <summary>An <c>x-token</c> met with its operation, its pointers resolved to C# member paths (empty where unresolved).</summary>
    private sealed record ResolvedTokenExtension(
        SchemeFacts Scheme,
        TokenExtension Extension,
        OperationSpec Operation,
        EquatableArray<string> TokenPath,
        EquatableArray<string> ExpiresAtPath,
        EquatableArray<string> ExpiresInPath,
        EquatableArray<string> RefreshTokenPath);

    /// <summary>
    /// Checks each <c>x-token</c> against its operation and resolves its JSON pointers to C# member paths. One whose
    /// operation does not exist is reported and dropped, so its scheme falls back to static credentials.
    /// </summary>
    private List<ResolvedTokenExtension> ResolveTokenExtensions(List<OperationSpec> operations)
    {
        var resolved = new List<ResolvedTokenExtension>();
        foreach (var name in _schemeOrder)
        {
            if (!_tokenExtensions.TryGetValue(name, out var token))
            {
                continue;
            }

            var operation = operations.FirstOrDefault(o => o.OperationId == token.OperationId);
            if (operation is null)
            {
                Report(DiagnosticDescriptors.TokenOperationNotFound, token.Pointer + "/operation", token.Pointer, token.OperationId);
                _tokenExtensions.Remove(name);
                continue;
            }

            var response = operation.Success?.Type;
            EquatableArray<string> Resolve(string? memberPointer, string key)
            {
                if (memberPointer is null)
                {
                    return EquatableArray<string>.Empty;
                }

                var path = ResolveMemberPath(response, memberPointer);
                if (path is null)
                {
                    Report(DiagnosticDescriptors.TokenPointerUnresolved, token.Pointer + "/" + key, token.Pointer + "/" + key, memberPointer);
                    return EquatableArray<string>.Empty;
                }

                return path.ToEquatableArray();
            }

            resolved.Add(new ResolvedTokenExtension(
                _schemes[name],
                token,
                operation,
                Resolve(token.TokenPointer, "token"),
                Resolve(token.ExpiresAtPointer, "expires-at"),
                Resolve(token.ExpiresInPointer, "expires-in"),
                Resolve(token.RefreshTokenPointer, "refresh-token")));
        }

        return resolved;
    }

    /// <summary>Follows a JSON pointer through generated records: <c>/data/token</c> → <c>["Data", "Token"]</c>.</summary>
    private List<string>? ResolveMemberPath(TypeRef? type, string memberPointer)
    {
        var path = new List<string>();
        foreach (var raw in memberPointer.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = JsonPointer.Unescape(raw);
            if (type is null || type.Kind != TypeKind.Object || !_objects.TryGetValue(type.Name, out var record))
            {
                return null;
            }

            var property = record.Properties.FirstOrDefault(p => p.JsonName == segment);
            if (property is null)
            {
                return null;
            }

            path.Add(property.Name);
            type = property.Type;
        }

        return path.Count == 0 ? null : path;
    }
}
