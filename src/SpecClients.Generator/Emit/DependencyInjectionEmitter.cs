using SpecClients.Generator.Model;

namespace SpecClients.Generator.Emit;

/// <summary>Emits <c>services.Add{Client}(…)</c>: an IHttpClientFactory typed client with IOptions and shared token providers.</summary>
internal static class DependencyInjectionEmitter
{
    private const string DI = "global::Microsoft.Extensions.DependencyInjection";
    private const string IServiceCollection = DI + ".IServiceCollection";
    private const string IHttpClientBuilder = DI + ".IHttpClientBuilder";
    private const string ServiceProviderExtensions = DI + ".ServiceProviderServiceExtensions";
    private const string ServiceCollectionDescriptorExtensions = DI + ".Extensions.ServiceCollectionDescriptorExtensions";
    private const string IServiceProvider = "global::System.IServiceProvider";
    private const string HttpClient = "global::System.Net.Http.HttpClient";
    private const string IHttpClientFactory = "global::System.Net.Http.IHttpClientFactory";
    private const string TimeProvider = "global::System.TimeProvider";
    private const string ITokenCache = "global::SpecClients.Runtime.Auth.ITokenCache";
    private const string InMemoryTokenCache = "global::SpecClients.Runtime.Auth.InMemoryTokenCache";
    private const string IRequestSigner = "global::SpecClients.Runtime.Auth.IRequestSigner";
    private const string AuthServices = "global::SpecClients.Runtime.Auth.AuthServices";

    public static string Emit(SpecContext context, ClientSpec client)
    {
        var options = $"global::Microsoft.Extensions.Options.IOptions<{client.OptionsName}>";
        var sharedTokens = client.HasAuth
            ? """
                , with token providers shared by every instance
                /// (one token request for any number of callers). Register an <c>ITokenCache</c> (for example
                /// <c>DistributedTokenCache</c>) to share tokens between processes, and a <c>TimeProvider</c> to control the clock
                """
            : string.Empty;
        var w = FileHeader.Start(context);
        w.SummaryMarkup($"""Registers <see cref="{client.Name}"/> with dependency injection.""");
        w.Line(FileHeader.GeneratedCode(context));
        w.Open($"{context.Accessibility} static class {client.ServiceCollectionExtensionsName}");
        w.Lines($$"""
            /// <summary>
            /// Registers <see cref="{{client.Name}}"/> as an IHttpClientFactory typed client configured by
            /// <see cref="{{client.OptionsName}}"/>{{sharedTokens}}.
            /// </summary>
            /// <param name="services">The service collection.</param>
            /// <param name="configure">
            /// Sets the options (server, credentials); they can also be bound from configuration with
            /// <c>services.Configure&lt;{{client.OptionsName}}&gt;(section)</c>.
            /// </param>
            /// <returns>The HttpClient builder, to add handlers or resilience.</returns>
            public static {{IHttpClientBuilder}} Add{{client.Name}}(
                this {{IServiceCollection}} services,
                global::System.Action<{{client.OptionsName}}>? configure = null)
            {
                global::System.ArgumentNullException.ThrowIfNull(services);
                var optionsBuilder = {{DI}}.OptionsServiceCollectionExtensions
                    .AddOptions<{{client.OptionsName}}>(services);
                if (configure is not null)
                {
                    optionsBuilder.Configure(configure);
                }

            """);
        w.Indent();
        if (client.HasAuth)
        {
            w.Lines($"""
                {ServiceCollectionDescriptorExtensions}
                    .TryAddSingleton(services, {TimeProvider}.System);
                {ServiceCollectionDescriptorExtensions}
                    .TryAddSingleton<{ITokenCache}>(services, CreateTokenCache);
                {ServiceCollectionDescriptorExtensions}
                    .TryAddSingleton<{client.AuthName}>(services, CreateAuth);
                """);
        }

        w.Lines($$"""
            var registration = {{DI}}.HttpClientFactoryServiceCollectionExtensions
                .AddHttpClient(services, {{client.Name}}.HttpClientName);
            // HttpClientFactory's default loggers keep header values (API keys, tokens, signatures) in their structured
            // state at Trace level; structured sinks would write them out. Add loggers back deliberately if you want them.
            var httpClientBuilder = {{DI}}.HttpClientBuilderExtensions.RemoveAllLoggers(registration);
            // The runtime follows redirects itself, so that credentials never leave the origin they were meant for.
            global::SpecClients.Runtime.Http.Redirects.WithoutAutomaticRedirects(httpClientBuilder);
            return {{DI}}.HttpClientBuilderExtensions
                .AddTypedClient<{{client.Name}}>(httpClientBuilder, CreateClient);
            """);
        w.Close();
        w.Line();
        // The retry waits on the registered clock: the auth's (which dependency injection supplies), else DI's own.
        var create = client.HasAuth
            ? $"new {client.Name}(httpClient, Options(services), Required<{client.AuthName}>(services));"
            : $"new {client.Name}(\n        httpClient,\n        Options(services),\n        authenticators: null,\n"
                + $"        obtainsCredentials: false,\n        services.GetService(typeof({TimeProvider})) as {TimeProvider});";
        w.Lines($$"""
            private static {{client.Name}} CreateClient(
                {{HttpClient}} httpClient,
                {{IServiceProvider}} services) =>
                {{create}}

            private static {{client.OptionsName}} Options({{IServiceProvider}} services) =>
                Required<{{options}}>(services).Value;

            private static T Required<T>({{IServiceProvider}} services)
                where T : notnull =>
                {{ServiceProviderExtensions}}.GetRequiredService<T>(services);
            """);
        if (client.HasAuth)
        {
            var signer = client.HasSigning
                ? $"\n    options.RequestSigner ??= Optional<{IRequestSigner}>(services);"
                : string.Empty;
            w.Lines($$"""

                private static {{ITokenCache}} CreateTokenCache({{IServiceProvider}} services) =>
                    new {{InMemoryTokenCache}}(Required<{{TimeProvider}}>(services));

                private static {{client.AuthName}} CreateAuth({{IServiceProvider}} services)
                {
                    var options = Options(services);{{signer}}
                    var factory = Required<{{IHttpClientFactory}}>(services);
                    return new {{client.AuthName}}(
                        options,
                        () => factory.CreateClient({{client.Name}}.HttpClientName),
                        {{AuthServices}}.From(services));
                }
                """);
        }

        if (client.HasSigning)
        {
            w.Lines($$"""

                private static T? Optional<T>({{IServiceProvider}} services) =>
                    {{ServiceProviderExtensions}}.GetService<T>(services);
                """);
        }

        w.Close();
        return w.ToString();
    }
}
