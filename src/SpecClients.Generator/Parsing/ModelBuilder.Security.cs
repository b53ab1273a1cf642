using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Model;
using SpecClients.Generator.Naming;

namespace SpecClients.Generator.Parsing;

internal sealed partial class ModelBuilder
{
    private readonly Dictionary<string, string> _tokenExtensionPointers = new(StringComparer.Ordinal);

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
            var token = ReadTokenExtension(scheme.Extensions, pointer + "/x-token", entry.Key);
            var signature = ReadSignatureExtension(scheme.Extensions, pointer + "/x-signature");
            AddScheme(new SecuritySchemeSpec(entry.Key, _optionNames!.Claim(Identifiers.Pascal(entry.Key)), kind, parameterName, location, Clean(scheme.Description), flows, token, signature, Inferred: false));
        }
    }

    private void AddScheme(SecuritySchemeSpec scheme)
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

    private TokenExtensionSpec? ReadTokenExtension(IDictionary<string, IOpenApiExtension>? extensions, string pointer, string schemeName)
    {
        if (extensions is null || !extensions.TryGetValue("x-token", out var extension))
        {
            return null;
        }

        if (extension is not JsonNodeExtension { Node: JsonObject node })
        {
            Report(DiagnosticDescriptors.InvalidExtension, pointer, pointer, "x-token must be a mapping with at least 'operation'");
            return null;
        }

        string? Text(string key)
        {
            if (node[key] is null)
            {
                return null;
            }

            if (node[key] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                return text;
            }

            Report(DiagnosticDescriptors.InvalidExtension, pointer + "/" + key, pointer + "/" + key, "'" + key + "' must be a string");
            return null;
        }

        var operation = Text("operation");
        if (operation is null)
        {
            Report(DiagnosticDescriptors.InvalidExtension, pointer, pointer, "x-token needs 'operation': the operationId that issues the token");
            return null;
        }

        int? lifetime = null;
        if (node["lifetime"] is JsonValue lifetimeValue)
        {
            if (lifetimeValue.TryGetValue<long>(out var seconds) && seconds > 0 && seconds <= int.MaxValue)
            {
                lifetime = (int)seconds;
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidExtension, pointer + "/lifetime", pointer + "/lifetime", "'lifetime' must be a positive number of seconds");
            }
        }

        var expiresAt = Text("expires-at");
        var expiresIn = Text("expires-in");
        if (expiresAt is not null && expiresIn is not null)
        {
            Report(DiagnosticDescriptors.InvalidExtension, pointer + "/expires-in", pointer, "give either 'expires-at' or 'expires-in', not both");
            expiresIn = null;
        }

        var send = TokenSendMode.Header;
        var sendText = Text("send");
        if (sendText is not null)
        {
            if (sendText == "signature")
            {
                send = TokenSendMode.Signature;
            }
            else if (sendText != "header")
            {
                Report(DiagnosticDescriptors.InvalidExtension, pointer + "/send", pointer + "/send", "'send' must be 'header' or 'signature'");
            }
        }

        RejectionSpec? rejectedWhen = null;
        if (node["rejected-when"] is { } rejection)
        {
            if (rejection is JsonObject rule
                && rule["pointer"] is JsonValue rulePointer && rulePointer.TryGetValue<string>(out var bodyPointer) && bodyPointer.StartsWith("/", StringComparison.Ordinal)
                && rule["equals"] is JsonValue equals)
            {
                rejectedWhen = new RejectionSpec(bodyPointer, equals.ToString());
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidExtension, pointer + "/rejected-when", pointer + "/rejected-when", "'rejected-when' must be a mapping with 'pointer' (a JSON pointer into the response body, such as /status) and 'equals' (a string, number or boolean)");
            }
        }

        _tokenExtensionPointers[schemeName] = pointer;
        return new TokenExtensionSpec(
            operation,
            Text("token") ?? "/access_token",
            EquatableArray<string>.Empty,
            expiresAt,
            EquatableArray<string>.Empty,
            expiresIn,
            EquatableArray<string>.Empty,
            Text("refresh-token"),
            EquatableArray<string>.Empty,
            lifetime,
            Text("prefix"),
            send,
            rejectedWhen);
    }

    private SignatureExtensionSpec? ReadSignatureExtension(IDictionary<string, IOpenApiExtension>? extensions, string pointer)
    {
        if (extensions is null || !extensions.TryGetValue("x-signature", out var extension))
        {
            return null;
        }

        if (extension is not JsonNodeExtension { Node: { } node })
        {
            return null;
        }

        var headers = new List<string>();
        string? description = null;
        if (node is JsonObject obj)
        {
            if (obj["headers"] is JsonArray array)
            {
                headers.AddRange(array.OfType<JsonValue>().Select(v => v.ToString()));
            }
            else if (obj["headers"] is not null)
            {
                Report(DiagnosticDescriptors.InvalidExtension, pointer + "/headers", pointer + "/headers", "'headers' must be a list of header names");
            }

            description = obj["description"] is JsonValue text ? text.ToString() : null;
        }
        else if (!(node is JsonValue flag && flag.TryGetValue<bool>(out var enabled) && enabled))
        {
            Report(DiagnosticDescriptors.InvalidExtension, pointer, pointer, "x-signature must be true or a mapping with 'headers'");
            return null;
        }

        return new SignatureExtensionSpec(headers.ToEquatableArray(), Clean(description));
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
            foreach (var key in requirement?.Keys ?? Enumerable.Empty<OpenApiSecuritySchemeReference>())
            {
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
            }

            alternatives.Add(new SecurityAlternativeSpec(names.ToEquatableArray()));
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
            AddScheme(new SecuritySchemeSpec(name, _optionNames!.Claim(Identifiers.Pascal(name)), SecuritySchemeKind.HttpBasic, null, ApiKeyLocation.Header, null, EquatableArray<OAuthFlowSpec>.Empty, null, null, Inferred: true));
            return true;
        }

        Report(DiagnosticDescriptors.UndefinedSecurityScheme, pointer, pointer, name, "requests are sent without it");
        return false;
    }

    /// <summary>Checks each <c>x-token</c> against its operation and resolves its JSON pointers to C# member paths.</summary>
    private void ValidateTokenExtensions(List<OperationSpec> operations)
    {
        foreach (var name in _schemeOrder.ToList())
        {
            var scheme = _schemes[name];
            if (scheme.Token is not { } token)
            {
                continue;
            }

            var pointer = _tokenExtensionPointers[name];
            var operation = operations.FirstOrDefault(o => o.OperationId == token.OperationId);
            if (operation is null)
            {
                Report(DiagnosticDescriptors.TokenOperationNotFound, pointer + "/operation", pointer, token.OperationId);
                _schemes[name] = scheme with { Token = null };
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
                    Report(DiagnosticDescriptors.TokenPointerUnresolved, pointer + "/" + key, pointer + "/" + key, memberPointer);
                    return EquatableArray<string>.Empty;
                }

                return path.ToEquatableArray();
            }

            var tokenPath = Resolve(token.TokenPointer, "token");
            _schemes[name] = scheme with
            {
                Token = token with
                {
                    TokenPath = tokenPath,
                    ExpiresAtPath = Resolve(token.ExpiresAtPointer, "expires-at"),
                    ExpiresInPath = Resolve(token.ExpiresInPointer, "expires-in"),
                    RefreshTokenPath = Resolve(token.RefreshTokenPointer, "refresh-token"),
                },
            };
        }
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
