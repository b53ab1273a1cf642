using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SpecClients.Generator.Diagnostics;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Parsing;

/// <summary>Reads a security scheme's <c>x-token</c> extension into a <see cref="TokenExtension"/>, reporting what is malformed.</summary>
internal static class TokenExtensionReader
{
    public const string Name = "x-token";

    public static TokenExtension? Read(IDictionary<string, IOpenApiExtension>? extensions, string pointer, PendingDiagnostics diagnostics)
    {
        if (extensions is null || !extensions.TryGetValue(Name, out var extension))
        {
            return null;
        }

        if (extension is not JsonNodeExtension { Node: JsonObject node })
        {
            diagnostics.Report(DiagnosticDescriptors.InvalidExtension, pointer, pointer, "x-token must be a mapping with at least 'operation'");
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

            diagnostics.Report(DiagnosticDescriptors.InvalidExtension, pointer + "/" + key, pointer + "/" + key, "'" + key + "' must be a string");
            return null;
        }

        var operation = Text("operation");
        if (operation is null)
        {
            diagnostics.Report(DiagnosticDescriptors.InvalidExtension, pointer, pointer, "x-token needs 'operation': the operationId that issues the token");
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
                diagnostics.Report(DiagnosticDescriptors.InvalidExtension, pointer + "/lifetime", pointer + "/lifetime", "'lifetime' must be a positive number of seconds");
            }
        }

        var expiresAt = Text("expires-at");
        var expiresIn = Text("expires-in");
        if (expiresAt is not null && expiresIn is not null)
        {
            diagnostics.Report(DiagnosticDescriptors.InvalidExtension, pointer + "/expires-in", pointer, "give either 'expires-at' or 'expires-in', not both");
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
                diagnostics.Report(DiagnosticDescriptors.InvalidExtension, pointer + "/send", pointer + "/send", "'send' must be 'header' or 'signature'");
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
                diagnostics.Report(DiagnosticDescriptors.InvalidExtension, pointer + "/rejected-when", pointer + "/rejected-when", "'rejected-when' must be a mapping with 'pointer' (a JSON pointer into the response body, such as /status) and 'equals' (a string, number or boolean)");
            }
        }

        return new TokenExtension(
            pointer,
            operation,
            Text("token") ?? "/access_token",
            expiresAt,
            expiresIn,
            Text("refresh-token"),
            lifetime,
            Text("prefix"),
            send,
            rejectedWhen);
    }
}
