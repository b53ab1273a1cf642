using System.Linq;
using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>Emits the client's options class (bindable from configuration) and its server enum.</summary>
internal static class OptionsEmitter
{
    private const string TokenProviderOptions = "global::SpecClients.Runtime.Auth.TokenProviderOptions";
    private const string IRequestSigner = "global::SpecClients.Runtime.Auth.IRequestSigner";
    private const string OAuth2ClientAuthentication = "global::SpecClients.Runtime.Auth.OAuth2ClientAuthentication";

    /// <summary>How many of an OAuth2 flow's scopes its options property lists.</summary>
    private const int ListedScopes = 20;

    public static string EmitOptions(SpecContext context, ClientSpec client)
    {
        var w = FileHeader.Start(context);
        w.WrappedSummary($"""
            Options for <see cref="{client.Name}"/>: the server, its variables and the credentials of each security scheme.
            Bindable from configuration.
            """);
        w.Line(FileHeader.GeneratedCode(context));
        w.Open($"{context.Accessibility} sealed partial class {client.OptionsName}");
        w.Lines("""
            /// <summary>
            /// When set, every request goes here, including operations that declare their own servers (use it for sandboxes and tests).
            /// </summary>
            public global::System.Uri? BaseAddress { get; set; }

            """);
        if (client.Servers.Count > 0)
        {
            w.Lines($$"""
                /// <summary>The spec's server to use when <see cref="BaseAddress"/> is not set. Defaults to the first one listed.</summary>
                public {{client.ServerEnumName}} Server { get; set; } = {{client.ServerEnumName}}.{{client.Servers[0].Name}};

                """);
        }

        foreach (var variable in client.ServerVariables)
        {
            var defaults = string.Join(", ", client.Servers.SelectMany(s => s.Defaults.Where(d => d.Variable == variable.WireName).Select(d => $"{s.Name}: {d.Default}")));
            var about = variable.Description is null ? $"The server variable <c>{DocText.Inline(variable.WireName)}</c>." : DocText.Inline(variable.Description);
            w.WrappedSummary($"{about} Null uses the chosen server's default ({defaults}).");
            w.Line($$"""public {{VariableType(variable)}}? {{variable.PropertyName}} { get; set; }""");
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

        if (client.HasAuth)
        {
            w.Lines($$"""
                /// <summary>
                /// Refresh margin, default and maximum lifetime, and timeout of token requests. A lifetime the spec gives
                /// (<c>x-token lifetime</c>) is used unless DefaultLifetime is changed here.
                /// </summary>
                public {{TokenProviderOptions}} Tokens { get; set; } = new();

                """);
        }

        if (client.HasSigning)
        {
            var names = string.Join(", ", client.SecuritySchemes.Where(s => s.Signature is not null).Select(s => $"<c>{DocText.Inline(s.Name)}</c>"));
            w.Lines($$"""
                /// <summary>
                /// Signs requests of the signature scheme(s) {{names}}, which OpenAPI cannot describe; you implement it.
                /// With dependency injection, a registered IRequestSigner is used when this is null.
                /// </summary>
                public {{IRequestSigner}}? RequestSigner { get; set; }

                """);
        }

        w.Lines("""
            /// <summary>
            /// Allows sending credentials over plain http to a host that is not loopback. Off by default: such requests are refused.
            /// </summary>
            public bool AllowInsecureHttp { get; set; }

            /// <summary>The largest response body accepted, in bytes; larger responses fail with ApiResponseFormatException.</summary>
            public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

            /// <summary>
            /// The built-in retry after 429 and 503, for calls and token requests alike. Null is ApiRetryPolicy.Default (one
            /// retry); set ApiRetryPolicy.None when a resilience handler on the HttpClient retries, so that the two do not
            /// multiply. Bindable from configuration: <c>"Retry": { "MaxRetries": 0 }</c>.
            /// </summary>
            public global::SpecClients.Runtime.Http.ApiRetryPolicy? Retry { get; set; }
            """);
        foreach (var variable in client.ServerVariables.Where(v => v.AllowedValues.Count > 0))
        {
            w.Line();
            w.Line($"/// <summary>The values the spec allows for the server variable <c>{DocText.Inline(variable.WireName)}</c>.</summary>");
            w.Open($"public enum {VariableType(variable)}");
            for (var i = 0; i < variable.AllowedValues.Count; i++)
            {
                w.Line($"/// <summary><c>{DocText.Inline(variable.AllowedValues[i])}</c></summary>");
                w.Line($"{variable.AllowedValueNames[i]},");
            }

            w.Close();
        }

        w.Close();
        return w.ToString();
    }

    /// <summary>The C# type of a server variable option: an enum when the spec lists its values.</summary>
    public static string VariableType(ServerVariableSpec variable) => variable.EnumName ?? "string";

    private static void EmitTokenSourceOptions(SourceWriter w, TokenSourceSpec source)
    {
        var about = $"security scheme <c>{DocText.Inline(source.SchemeName)}</c>";
        switch (source)
        {
            case OperationTokenSourceSpec { RequestOptionName: { } option, BodyType: { } body } operation:
                w.WrappedSummary($"The body of the token operation <c>{DocText.Inline(operation.OperationId)}</c>, sent to obtain the token of {about}.");
                Property(w, body.CSharp, option);
                break;
            case OAuth2FlowTokenSourceSpec flow:
                var options = flow.Options;
                var listed = string.Join(", ", flow.Scopes.Take(ListedScopes));
                var scopes = flow.Scopes.Count == 0 ? string.Empty
                    : flow.Scopes.Count > ListedScopes ? $" The spec lists: {listed}, …."
                    : $" The spec lists: {listed}.";
                w.WrappedSummary($"The OAuth2 client id for {about}.");
                Property(w, "string", options.ClientId);
                w.WrappedSummary($"The OAuth2 client secret for {about}.");
                Property(w, "string", options.ClientSecret);
                w.WrappedSummary($"Space-separated scopes to request for {about}; this one token is then sent to every operation. Null: each operation gets a token for the scopes its security requirement lists (none: the server's default).{scopes}");
                Property(w, "string", options.Scope);
                w.WrappedSummary($"The token endpoint for {about}, replacing the spec's <c>{DocText.Inline(flow.TokenUrl)}</c> (for an authorization server on another host); a relative URL resolves against the server. Refresh grants go here too unless a refresh URL is set.");
                Property(w, "global::System.Uri", options.TokenUrl);
                if (options.RefreshUrl is { } refreshUrl && flow.RefreshUrl is { } specRefreshUrl)
                {
                    w.WrappedSummary($"Where refresh-token grants for {about} go, replacing the spec's <c>{DocText.Inline(specRefreshUrl)}</c>; a relative URL resolves against the server.");
                    Property(w, "global::System.Uri", refreshUrl);
                }

                w.WrappedSummary($"How the client authenticates to the token endpoint for {about}: ClientSecretBasic (the default, RFC 6749 §2.3.1) or ClientSecretPost.");
                w.Line($$"""public {{OAuth2ClientAuthentication}} {{options.ClientAuthentication}} { get; set; }""");
                w.Line();
                if (options.Username is { } username && options.Password is { } password)
                {
                    w.WrappedSummary($"The resource owner's user name for {about} (password grant).");
                    Property(w, "string", username);
                    w.WrappedSummary($"The resource owner's password for {about} (password grant).");
                    Property(w, "string", password);
                }

                break;
        }
    }

    private static void EmitSchemeOptions(SourceWriter w, SecuritySchemeSpec scheme)
    {
        if (scheme.IssuedByOperation || scheme.Signature is not null)
        {
            // Obtained tokens and computed signatures are supplied by the auth layer, not by options.
            return;
        }

        var description = scheme.Description is null ? string.Empty : $": {DocText.Inline(scheme.Description)}";
        var about = $"security scheme <c>{DocText.Inline(scheme.Name)}</c>{description}";
        var options = scheme.Options;
        if (options.Value is { } value)
        {
            w.WrappedSummary($"The value of the {about}");
            Property(w, "string", value);
        }

        if (options.Username is { } username && options.Password is { } password)
        {
            w.WrappedSummary($"The user name (or client id) of the {about}");
            Property(w, "string", username);
            w.WrappedSummary($"The password (or client secret) of the {about}");
            Property(w, "string", password);
        }

        if (options.Token is { } token)
        {
            w.WrappedSummary($"A bearer token for the {about} (for flows the client cannot run itself, such as authorization code).");
            Property(w, "string", token);
        }
    }

    /// <summary>A nullable settable property, and the blank line after it.</summary>
    private static void Property(SourceWriter w, string type, string name)
    {
        w.Line($$"""public {{type}}? {{name}} { get; set; }""");
        w.Line();
    }

    public static string EmitServerEnum(SpecContext context, ClientSpec client)
    {
        var w = FileHeader.Start(context);
        w.WrappedSummary($"""The servers the spec of <see cref="{client.Name}"/> lists.""");
        w.Line(FileHeader.GeneratedCode(context));
        w.Open($"{context.Accessibility} enum {client.ServerEnumName}");
        foreach (var server in client.Servers)
        {
            var description = server.Description is null ? string.Empty : $"{server.Description}: ";
            w.WrappedSummary(DocText.Inline($"{description}{server.Url}"));
            w.Line($"{server.Name},");
        }

        w.Close();
        return w.ToString();
    }
}
