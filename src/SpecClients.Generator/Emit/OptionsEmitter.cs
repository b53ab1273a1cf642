using System.Linq;
using SpecClients.Generator.Model;
using SpecClients.Generator.Naming;

namespace SpecClients.Generator.Emit;

/// <summary>Emits the client's options class (bindable from configuration) and its server enum.</summary>
internal static class OptionsEmitter
{
    public static string EmitOptions(SpecContext context, ClientSpec client)
    {
        var w = FileHeader.Start(context);
        w.SummaryMarkup("Options for <see cref=\"" + client.Name + "\"/>: the server, its variables and the credentials of each security scheme. Bindable from configuration.");
        w.Line(FileHeader.GeneratedCode(context));
        w.Open(context.Accessibility + " sealed partial class " + client.OptionsName);
        w.Line("/// <summary>When set, every request goes here, including operations that declare their own servers (use it for sandboxes and tests).</summary>");
        w.Line("public global::System.Uri? BaseAddress { get; set; }");
        w.Line();
        if (client.Servers.Count > 0)
        {
            w.Line("/// <summary>The spec's server to use when <see cref=\"BaseAddress\"/> is not set. Defaults to the first one listed.</summary>");
            w.Line("public " + client.ServerEnumName + " Server { get; set; } = " + client.ServerEnumName + "." + client.Servers[0].Name + ";");
            w.Line();
        }

        foreach (var variable in client.ServerVariables)
        {
            var defaults = string.Join(", ", client.Servers.SelectMany(s => s.Defaults.Where(d => d.Variable == variable.WireName).Select(d => s.Name + ": " + d.Default)));
            w.SummaryMarkup((variable.Description is null ? "The server variable <c>" + DocText.Inline(variable.WireName) + "</c>." : DocText.Inline(variable.Description)) + " Null uses the chosen server's default (" + defaults + ").");
            w.Line("public " + VariableType(variable) + "? " + variable.PropertyName + " { get; set; }");
            w.Line();
        }

        foreach (var scheme in client.SecuritySchemes)
        {
            EmitSchemeOptions(w, scheme);
        }

        foreach (var source in client.TokenSources)
        {
            EmitTokenSourceOptions(w, source);
        }

        if (client.TokenSources.Count > 0 || client.SecuritySchemes.Any(s => s.Signature is not null))
        {
            w.Line("/// <summary>Refresh margin, default and maximum lifetime, and timeout of token requests. A lifetime the spec gives (<c>x-token lifetime</c>) is used unless DefaultLifetime is changed here.</summary>");
            w.Line("public global::SpecClients.Runtime.Auth.TokenProviderOptions Tokens { get; set; } = new global::SpecClients.Runtime.Auth.TokenProviderOptions();");
            w.Line();
        }

        if (client.SecuritySchemes.Any(s => s.Signature is not null))
        {
            var names = string.Join(", ", client.SecuritySchemes.Where(s => s.Signature is not null).Select(s => "<c>" + DocText.Inline(s.Name) + "</c>"));
            w.Line("/// <summary>Signs requests of the signature scheme(s) " + names + ", which OpenAPI cannot describe; you implement it. With dependency injection, a registered IRequestSigner is used when this is null.</summary>");
            w.Line("public global::SpecClients.Runtime.Auth.IRequestSigner? RequestSigner { get; set; }");
            w.Line();
        }

        w.Line("/// <summary>Allows sending credentials over plain http to a host that is not loopback. Off by default: such requests are refused.</summary>");
        w.Line("public bool AllowInsecureHttp { get; set; }");
        w.Line();
        w.Line("/// <summary>The largest response body accepted, in bytes; larger responses fail with ApiResponseFormatException.</summary>");
        w.Line("public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;");
        foreach (var variable in client.ServerVariables.Where(v => v.AllowedValues.Count > 0))
        {
            w.Line();
            w.Line("/// <summary>The values the spec allows for the server variable <c>" + DocText.Inline(variable.WireName) + "</c>.</summary>");
            w.Open("public enum " + VariableType(variable));
            var scope = new NameScope();
            foreach (var value in variable.AllowedValues)
            {
                w.Line("/// <summary><c>" + DocText.Inline(value) + "</c></summary>");
                w.Line(scope.Claim(Identifiers.Pascal(value)) + ",");
            }

            w.Close();
        }

        w.Close();
        return w.ToString();
    }

    /// <summary>The C# type of a server variable option: an enum when the spec lists its values.</summary>
    public static string VariableType(ServerVariableSpec variable) => variable.AllowedValues.Count > 0 ? variable.PropertyName + "Value" : "string";

    private static void EmitTokenSourceOptions(SourceWriter w, TokenSourceSpec source)
    {
        var about = "security scheme <c>" + DocText.Inline(source.SchemeName) + "</c>";
        if (source.Kind == TokenSourceKind.Operation && source.BodyType is { } body)
        {
            w.SummaryMarkup("The body of the token operation <c>" + DocText.Inline(source.OperationId ?? string.Empty) + "</c>, sent to obtain the token of " + about + ".");
            w.Line("public " + body.CSharp + "? " + source.PropertyName + "Request { get; set; }");
            w.Line();
        }
        else if (source.Kind == TokenSourceKind.OAuth2Flow)
        {
            w.SummaryMarkup("The OAuth2 client id for " + about + ".");
            w.Line("public string? " + source.PropertyName + "ClientId { get; set; }");
            w.Line();
            w.SummaryMarkup("The OAuth2 client secret for " + about + ".");
            w.Line("public string? " + source.PropertyName + "ClientSecret { get; set; }");
            w.Line();
            var scopes = source.Scopes.Count == 0 ? string.Empty : " The spec lists: " + string.Join(", ", source.Scopes.Take(20)) + (source.Scopes.Count > 20 ? ", …" : string.Empty) + ".";
            w.SummaryMarkup("Space-separated scopes to request for " + about + ", or null for the server's default." + scopes);
            w.Line("public string? " + source.PropertyName + "Scope { get; set; }");
            w.Line();
            if (source.Flow == OAuthFlowKind.Password)
            {
                w.SummaryMarkup("The resource owner's user name for " + about + " (password grant).");
                w.Line("public string? " + source.PropertyName + "Username { get; set; }");
                w.Line();
                w.SummaryMarkup("The resource owner's password for " + about + " (password grant).");
                w.Line("public string? " + source.PropertyName + "Password { get; set; }");
                w.Line();
            }
        }
    }

    private static void EmitSchemeOptions(SourceWriter w, SecuritySchemeSpec scheme)
    {
        var about = "security scheme <c>" + DocText.Inline(scheme.Name) + "</c>" + (scheme.Description is null ? "" : ": " + DocText.Inline(scheme.Description));
        if (scheme.Token is not null || scheme.Signature is not null)
        {
            // Obtained tokens and computed signatures are supplied by the auth layer, not by options.
            return;
        }

        switch (scheme.Kind)
        {
            case SecuritySchemeKind.ApiKey:
                w.SummaryMarkup("The value of the " + about);
                w.Line("public string? " + scheme.PropertyName + " { get; set; }");
                w.Line();
                break;
            case SecuritySchemeKind.HttpBasic:
                w.SummaryMarkup("The user name (or client id) of the " + about);
                w.Line("public string? " + scheme.PropertyName + "Username { get; set; }");
                w.Line();
                w.SummaryMarkup("The password (or client secret) of the " + about);
                w.Line("public string? " + scheme.PropertyName + "Password { get; set; }");
                w.Line();
                break;
            case SecuritySchemeKind.HttpBearer:
            case SecuritySchemeKind.OAuth2:
            case SecuritySchemeKind.OpenIdConnect:
                w.SummaryMarkup("A bearer token for the " + about + " (for flows the client cannot run itself, such as authorization code).");
                w.Line("public string? " + scheme.PropertyName + "Token { get; set; }");
                w.Line();
                break;
        }
    }

    public static string EmitServerEnum(SpecContext context, ClientSpec client)
    {
        var w = FileHeader.Start(context);
        w.SummaryMarkup("The servers the spec of <see cref=\"" + client.Name + "\"/> lists.");
        w.Line(FileHeader.GeneratedCode(context));
        w.Open(context.Accessibility + " enum " + client.ServerEnumName);
        foreach (var server in client.Servers)
        {
            w.SummaryMarkup(DocText.Inline((server.Description is null ? string.Empty : server.Description + ": ") + server.Url));
            w.Line(server.Name + ",");
        }

        w.Close();
        return w.ToString();
    }
}
