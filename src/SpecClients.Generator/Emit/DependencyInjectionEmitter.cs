using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>Emits <c>services.Add{Client}(…)</c>: an IHttpClientFactory typed client with IOptions and shared token providers.</summary>
internal static class DependencyInjectionEmitter
{
    private const string DI = "global::Microsoft.Extensions.DependencyInjection";

    public static string ClassName(ClientSpec client) => client.Name + "ServiceCollectionExtensions";

    public static string Emit(SpecContext context, ClientSpec client)
    {
        var hasAuth = client.TokenSources.Count > 0 || AuthEmitter.HasSigning(client);
        var authName = AuthEmitter.AuthClassName(client);
        var options = "global::Microsoft.Extensions.Options.IOptions<" + client.OptionsName + ">";
        var w = FileHeader.Start(context);
        w.SummaryMarkup("Registers <see cref=\"" + client.Name + "\"/> with dependency injection.");
        w.Line(FileHeader.GeneratedCode(context));
        w.Open(context.Accessibility + " static class " + ClassName(client));
        w.Line("/// <summary>");
        w.Line("/// Registers <see cref=\"" + client.Name + "\"/> as an IHttpClientFactory typed client configured by <see cref=\"" + client.OptionsName + "\"/>" + (hasAuth ? ", with token providers shared by every instance (one token request for any number of callers). Register an <c>ITokenCache</c> (for example <c>DistributedTokenCache</c>) to share tokens between processes, and a <c>TimeProvider</c> to control the clock" : string.Empty) + ".");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"services\">The service collection.</param>");
        w.Line("/// <param name=\"configure\">Sets the options (server, credentials); they can also be bound from configuration with <c>services.Configure&lt;" + client.OptionsName + "&gt;(section)</c>.</param>");
        w.Line("/// <returns>The HttpClient builder, to add handlers or resilience.</returns>");
        w.Open("public static " + DI + ".IHttpClientBuilder Add" + client.Name + "(this " + DI + ".IServiceCollection services, global::System.Action<" + client.OptionsName + ">? configure = null)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(services);");
        w.Line("var optionsBuilder = " + DI + ".OptionsServiceCollectionExtensions.AddOptions<" + client.OptionsName + ">(services);");
        w.Open("if (configure is not null)");
        w.Line("optionsBuilder.Configure(configure);");
        w.Close();
        w.Line();
        if (hasAuth)
        {
            w.Line(DI + ".Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, global::System.TimeProvider.System);");
            w.Line(DI + ".Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<global::SpecClients.Runtime.Auth.ITokenCache>(services, static sp => new global::SpecClients.Runtime.Auth.InMemoryTokenCache(" + DI + ".ServiceProviderServiceExtensions.GetRequiredService<global::System.TimeProvider>(sp)));");
            w.Line(DI + ".Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, static sp =>");
            w.Open("");
            w.Line("var value = " + DI + ".ServiceProviderServiceExtensions.GetRequiredService<" + options + ">(sp).Value;");
            if (AuthEmitter.HasSigning(client))
            {
                w.Line("value.RequestSigner ??= " + DI + ".ServiceProviderServiceExtensions.GetService<global::SpecClients.Runtime.Auth.IRequestSigner>(sp);");
            }

            w.Line("var factory = " + DI + ".ServiceProviderServiceExtensions.GetRequiredService<global::System.Net.Http.IHttpClientFactory>(sp);");
            w.Line("return new " + authName + "(value, () => factory.CreateClient(" + client.Name + ".HttpClientName), global::SpecClients.Runtime.Auth.AuthServices.From(sp));");
            w.Outdent();
            w.Line("});");
        }

        w.Line("// HttpClientFactory's default loggers keep header values (API keys, tokens, signatures) in their structured");
        w.Line("// state at Trace level; structured sinks would write them out. Add loggers back deliberately if you want them.");
        w.Line("var httpClientBuilder = " + DI + ".HttpClientBuilderExtensions.RemoveAllLoggers(");
        w.Line("    " + DI + ".HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, " + client.Name + ".HttpClientName));");
        w.Line("global::SpecClients.Runtime.Http.Redirects.WithoutAutomaticRedirects(httpClientBuilder); // the runtime follows redirects itself and keeps credentials on their origin");
        w.Line("return " + DI + ".HttpClientBuilderExtensions.AddTypedClient<" + client.Name + ">(");
        w.Line("    httpClientBuilder,");
        w.Line(hasAuth
            ? "    static (httpClient, sp) => new " + client.Name + "(httpClient, " + DI + ".ServiceProviderServiceExtensions.GetRequiredService<" + options + ">(sp).Value, " + DI + ".ServiceProviderServiceExtensions.GetRequiredService<" + authName + ">(sp)));"
            : "    static (httpClient, sp) => new " + client.Name + "(httpClient, " + DI + ".ServiceProviderServiceExtensions.GetRequiredService<" + options + ">(sp).Value));");
        w.Close();
        w.Close();
        return w.ToString();
    }
}
