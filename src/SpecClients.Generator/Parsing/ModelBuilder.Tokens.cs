using System;
using System.Collections.Generic;
using System.Linq;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Parsing;

internal sealed partial class ModelBuilder
{
    private const string OAuth2TokenMember = "access_token";
    private const string OAuth2ExpiresInMember = "expires_in";
    private const string OAuth2RefreshMember = "refresh_token";

    /// <summary>Decides, per security scheme, how its token is obtained and attached.</summary>
    private EquatableArray<TokenSourceSpec> BuildTokenSources(List<OperationSpec> operations)
    {
        var sources = new List<TokenSourceSpec>();
        var operationsWithXToken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in _schemeOrder)
        {
            var scheme = _schemes[name];
            if (scheme.Token is { } token)
            {
                var operation = operations.First(o => o.OperationId == token.OperationId);
                operationsWithXToken.Add(operation.OperationId);
                var source = FromOperation(scheme, operation, token);
                if (source is not null)
                {
                    sources.Add(source);
                }
            }
            else if (scheme.Kind == SecuritySchemeKind.OAuth2)
            {
                var flow = scheme.Flows.FirstOrDefault(f => f.Kind is OAuthFlowKind.ClientCredentials or OAuthFlowKind.Password && f.TokenUrl is not null);
                if (flow is not null)
                {
                    sources.Add(new TokenSourceSpec(
                        scheme.Name, scheme.PropertyName, TokenSourceKind.OAuth2Flow, null, null, null, false, null, null, null, null,
                        RefreshGrant: true, null, TokenAttachKind.Header, "Authorization", "Bearer ", true, flow.Kind, flow.TokenUrl, flow.Scopes, EquatableArray<string>.Empty));
                }
            }
        }

        // An operation that takes a form body with grant_type is an RFC 6749 token endpoint (FinCode's POST /oauth/token),
        // even when no scheme says so: its token is offered for the caller's own requests.
        foreach (var operation in operations.Where(o => o.TokenEndpoint is not null && !operationsWithXToken.Contains(o.OperationId)))
        {
            var propertyName = _optionNames!.Claim("AccessToken");
            var schemeName = char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);
            var record = operation.Success?.Type is { Kind: TypeKind.Object } type && _objects.TryGetValue(type.Name, out var found) ? found : null;
            if (record is null)
            {
                continue;
            }

            // A refresh grant only where the spec allows one: grant_type unrestricted, or its enum (or default) lists
            // refresh_token. FinCode's enum is [password]: renewing re-runs the password grant.
            var grants = operation.TokenEndpoint!.GrantTypes;
            var refreshAllowed = grants.IsEmpty || grants.Contains("refresh_token");
            sources.Add(new TokenSourceSpec(
                schemeName,
                propertyName,
                TokenSourceKind.Operation,
                operation.OperationId,
                operation.MethodName,
                operation.Body?.Type,
                operation.Body?.Required ?? false,
                OAuth2Value(record, OAuth2TokenMember),
                null,
                OAuth2Value(record, OAuth2ExpiresInMember),
                refreshAllowed ? OAuth2Value(record, OAuth2RefreshMember) : null,
                RefreshGrant: refreshAllowed,
                null,
                TokenAttachKind.Header,
                "Authorization",
                "Bearer ",
                true,
                null,
                null,
                EquatableArray<string>.Empty,
                StaticSchemes(operation)));
        }

        return sources.ToEquatableArray();
    }

    private TokenSourceSpec? FromOperation(SecuritySchemeSpec scheme, OperationSpec operation, TokenExtensionSpec token)
    {
        var pointer = _tokenExtensionPointers[scheme.Name];
        if (operation.Parameters.Any(p => p.Required))
        {
            Report(DiagnosticDescriptors.InvalidExtension, pointer + "/operation", pointer, "the token operation '" + operation.OperationId + "' has required parameters, which the client cannot fill by itself; supply an ITokenSource for scheme '" + scheme.Name + "' instead");
            return null;
        }

        if (token.TokenPath.IsEmpty)
        {
            return null;
        }

        TokenValueSpec? Value(EquatableArray<string> path, string? memberPointer) =>
            path.IsEmpty || memberPointer is null ? null : new TokenValueSpec(path, null, memberPointer);

        var attach = token.Send == TokenSendMode.Signature ? TokenAttachKind.Signature : scheme.Location switch
        {
            ApiKeyLocation.Query when scheme.Kind == SecuritySchemeKind.ApiKey => TokenAttachKind.Query,
            ApiKeyLocation.Cookie when scheme.Kind == SecuritySchemeKind.ApiKey => TokenAttachKind.Cookie,
            _ => TokenAttachKind.Header,
        };
        var isApiKey = scheme.Kind == SecuritySchemeKind.ApiKey;
        return new TokenSourceSpec(
            scheme.Name,
            scheme.PropertyName,
            TokenSourceKind.Operation,
            operation.OperationId,
            operation.MethodName,
            operation.Body?.Type,
            operation.Body?.Required ?? false,
            Value(token.TokenPath, token.TokenPointer)!,
            Value(token.ExpiresAtPath, token.ExpiresAtPointer),
            Value(token.ExpiresInPath, token.ExpiresInPointer),
            Value(token.RefreshTokenPath, token.RefreshTokenPointer),
            RefreshGrant: false,
            token.LifetimeSeconds,
            attach,
            isApiKey ? scheme.ParameterName ?? "Authorization" : "Authorization",
            isApiKey ? token.Prefix : "Bearer ",
            true,
            null,
            null,
            EquatableArray<string>.Empty,
            StaticSchemes(operation),
            token.RejectedWhen);
    }

    /// <summary>The static-credential schemes a token operation itself uses; their values key the token cache.</summary>
    private EquatableArray<string> StaticSchemes(OperationSpec operation) =>
        operation.Security.IsEmpty
            ? EquatableArray<string>.Empty
            : operation.Security[0].Schemes.Where(s => _schemes.TryGetValue(s, out var scheme) && scheme.Token is null && scheme.Signature is null && scheme.Kind != SecuritySchemeKind.Unsupported).ToEquatableArray();

    /// <summary>An RFC 6749 member, declared in the response schema or else read from its unknown members.</summary>
    private static TokenValueSpec OAuth2Value(ObjectSpec record, string jsonName)
    {
        var declared = record.Properties.FirstOrDefault(p => p.JsonName == jsonName);
        return declared is not null
            ? new TokenValueSpec(new[] { declared.Name }.ToEquatableArray(), null, jsonName)
            : new TokenValueSpec(EquatableArray<string>.Empty, record.AdditionalPropertiesName, jsonName);
    }
}
