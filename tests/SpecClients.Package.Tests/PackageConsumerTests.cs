using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Package.Tests.Support;
using SpecClients.Samples.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace SpecClients.Package.Tests;

/// <summary>
/// The user's story, with the packed package: a new project, one PackageReference, a spec dropped into specs/, build
/// (with the compiler server, as users build), call the generated client against a server on 127.0.0.1 (the provider
/// sandbox, started here); then drop a second spec, build again without touching the project file, call that client.
/// Also which copy of the generator the compiler gets (the ReadyToRun images or the portable IL builds).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class PackageConsumerTests
{
    private const string ReadyToRunFolder = "readytorun/linux-x64/";
    private const string PortableFolder = "analyzers/dotnet/cs/";

    private static readonly string[] GeneratorFiles = ["Microsoft.OpenApi.dll", "SpecClients.Generator.dll", "YamlDotNet.dll"];
    private static readonly SandboxOptions Credentials = new();

    private readonly PackageFixture _fixture;
    private readonly ITestOutputHelper _output;

    public PackageConsumerTests(PackageFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Net10ConsumerWithOnlyThePackageReferenceGetsATokenAndPicksUpASecondSpecWithoutAProjectEdit()
    {
        var package = await _fixture.PackAsync();
        _output.WriteLine($"pack: {package.Pack.Elapsed.TotalSeconds:0.0} s ({package.Version})");
        await using var sandbox = await ProviderSandbox.StartAsync(new SandboxOptions());
        var consumer = ConsumerProject.Create(Path.Combine(_fixture.WorkRoot, "consumers"), "PackageConsumer", "net10.0", package, _fixture.CompilerServer);

        // 1. One spec.
        consumer.DropSpec("kitegateway.yaml");
        consumer.WriteFile("KitegatewayCall.cs", KitegatewayCall);
        consumer.WriteFile("Program.cs", Program("await KitegatewayCall.RunAsync(http, sandbox);"));
        await BuildCleanlyAsync(consumer);

        var first = await consumer.RunAsync(sandbox.BaseAddress.AbsoluteUri);
        _output.WriteLine(first.Output);
        first.ExitCode.ShouldBe(0, first.Describe());
        first.Output.ShouldContain("kitegateway: token obtained (", Case.Sensitive, first.Describe());
        first.Output.ShouldContain("send-callback success (Callback sent)", Case.Sensitive, first.Describe());
        sandbox.Counters.Kitegateway.TokensIssued.ShouldBe(1);
        sandbox.Counters.Kitegateway.CallsAccepted.ShouldBe(1);
        sandbox.Counters.Kitegateway.CallsRejected.ShouldBe(0);

        // 2. A second spec next to the first; the project file is not touched.
        var projectFile = await File.ReadAllTextAsync(consumer.ProjectFile);
        consumer.DropSpec("torus.yaml");
        consumer.WriteFile("TorusCall.cs", TorusCall);
        consumer.WriteFile("Program.cs", Program("await KitegatewayCall.RunAsync(http, sandbox);\n        await TorusCall.RunAsync(sandbox);"));
        await BuildCleanlyAsync(consumer);
        (await File.ReadAllTextAsync(consumer.ProjectFile)).ShouldBe(projectFile);

        var second = await consumer.RunAsync(sandbox.BaseAddress.AbsoluteUri);
        _output.WriteLine(second.Output);
        second.ExitCode.ShouldBe(0, second.Describe());
        second.Output.ShouldContain("kitegateway: token obtained (", Case.Sensitive, second.Describe());
        second.Output.ShouldContain("torus: token obtained (", Case.Sensitive, second.Describe());
        second.Output.ShouldContain("funds success", Case.Sensitive, second.Describe());
        sandbox.Counters.Torus.TokensIssued.ShouldBe(1);
        sandbox.Counters.Torus.CallsAccepted.ShouldBe(1);
        sandbox.Counters.Torus.CallsRejected.ShouldBe(0);
        sandbox.Counters.Kitegateway.TokensIssued.ShouldBe(2, "one token per run of the program");
    }

    [Fact]
    public async Task Net8ConsumerBuildsWithTheMsBuildOptionsAndRuns()
    {
        var package = await _fixture.PackAsync();
        await using var sandbox = await ProviderSandbox.StartAsync(new SandboxOptions());
        var consumer = ConsumerProject.Create(Path.Combine(_fixture.WorkRoot, "consumers"), "Net8Consumer", "net8.0", package, _fixture.CompilerServer,
            new Dictionary<string, string>
            {
                ["SpecClients_SpecsFolder"] = "apis",
                ["SpecClients_RootNamespace"] = "Acme.Clients",
                ["SpecClients_Visibility"] = "internal",
            });

        consumer.DropSpec("torus.yaml", "apis");
        consumer.DropSpec("kitegateway.yaml", "specs"); // not the specs folder any more: must be ignored
        consumer.WriteFile("Program.cs", $$"""
            using Acme.Clients.Torus;
            using Microsoft.Extensions.DependencyInjection;

            var sandbox = new Uri(args[0]);
            var services = new ServiceCollection();
            services.AddTorusClient(o =>
            {
                o.BaseAddress = new Uri(sandbox, "torus/");
                o.RequestToken = "{{Credentials.TorusRequestToken}}";
                o.TorusAccessTokenRequest = new SessionRequest { ApiKey = "{{Credentials.TorusApiKey}}", ApiSecret = "{{Credentials.TorusApiSecret}}" };
            });
            await using var provider = services.BuildServiceProvider();
            var funds = await provider.GetRequiredService<TorusClient>().GetFundsAsync(new FundsRequest { Source = "N" });
            var token = await provider.GetRequiredService<TorusClientAuth>().TorusAccessToken.GetTokenAsync(CancellationToken.None);
            Console.WriteLine($"torus: token obtained ({token.Value.Length} chars); funds {funds.Status}");
            Console.WriteLine($"runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
            Console.WriteLine("visibility: " + (typeof(TorusClient).IsPublic ? "public" : "internal"));
            Console.WriteLine("kitegateway generated: " + (typeof(TorusClient).Assembly.GetType("Acme.Clients.Kitegateway.KitegatewayClient") is not null));

            """);
        var build = await BuildCleanlyAsync(consumer);
        build.Output.ShouldContain("Net8Consumer -> ", Case.Sensitive);
        File.Exists(consumer.OutputAssembly).ShouldBeTrue();

        var run = await consumer.RunAsync(sandbox.BaseAddress.AbsoluteUri);
        _output.WriteLine(run.Output);
        run.ExitCode.ShouldBe(0, run.Describe());
        run.Output.ShouldContain("torus: token obtained (", Case.Sensitive, run.Describe());
        run.Output.ShouldContain("funds success", Case.Sensitive, run.Describe());
        run.Output.ShouldContain("visibility: internal", Case.Sensitive, run.Describe());
        run.Output.ShouldContain("kitegateway generated: False", Case.Sensitive, run.Describe());
        sandbox.Counters.Torus.TokensIssued.ShouldBe(1);
        sandbox.Counters.Torus.CallsAccepted.ShouldBe(1);
    }

    [Fact]
    public async Task OperationSelectionListsSurviveMSBuildIntoTheGenerator()
    {
        // The compiler's .editorconfig reader cuts a value at ';' or '#': before the props encoded the lists, only
        // the first operation of "listPets;getOrder" was generated.
        var package = await _fixture.PackAsync();
        var consumer = ConsumerProject.Create(Path.Combine(_fixture.WorkRoot, "consumers"), "SelectionConsumer", "net10.0", package, _fixture.CompilerServer,
            items: """
                <AdditionalFiles Update="specs/shop.yaml" SpecClients_Operations="listPets;getOrder" SpecClients_Tags="Pet Admin" />
                <AdditionalFiles Update="specs/billing.yaml" SpecClients_Operations="getCharge" SpecClients_Expansions="all" />
                """);
        consumer.WriteFile("specs/shop.yaml", """
            openapi: 3.0.3
            info: {title: Shop, version: '1'}
            servers: [{url: 'https://shop.example'}]
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses: {'200': {description: ok}}
                post:
                  operationId: createPet
                  tags: [Pet Admin]
                  responses: {'204': {description: created}}
              /pets/{id}:
                delete:
                  operationId: deletePet
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses: {'204': {description: deleted}}
              /orders/{id}:
                get:
                  operationId: getOrder
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses: {'204': {description: found}}

            """);
        // SpecClients_Expansions="all" must reach the generator too: Customer is reached only through an expandable
        // reference, so it is generated (and the program compiles) only if the metadata arrived.
        consumer.WriteFile("specs/billing.yaml", """
            openapi: 3.0.3
            info: {title: Billing, version: '1'}
            servers: [{url: 'https://billing.example'}]
            paths:
              /charges/{id}:
                get:
                  operationId: getCharge
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses:
                    '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Charge'}}}}
            components:
              schemas:
                Charge:
                  type: object
                  properties:
                    customer:
                      anyOf: [{type: string}, {$ref: '#/components/schemas/Customer'}]
                      x-expansionResources: {oneOf: [{$ref: '#/components/schemas/Customer'}]}
                Customer:
                  type: object
                  properties: {name: {type: string}}

            """);
        consumer.WriteFile("Program.cs", """
            using SelectionConsumer.Shop;

            var methods = typeof(ShopClient).GetMethods().Select(m => m.Name).Where(n => n.EndsWith("Async")).Distinct().Order();
            Console.WriteLine("operations: " + string.Join(",", methods));
            Console.WriteLine("expanded: " + typeof(SelectionConsumer.Billing.Customer).Name);

            """);
        await BuildCleanlyAsync(consumer);

        var run = await consumer.RunAsync();
        run.ExitCode.ShouldBe(0, run.Describe());
        run.Output.ShouldContain("operations: CreatePetAsync,GetOrderAsync,ListPetsAsync" + Environment.NewLine, Case.Sensitive, run.Describe());
        run.Output.ShouldContain("expanded: Customer", Case.Sensitive, run.Describe());
    }

    [Fact]
    public async Task CompilerGetsTheReadyToRunGeneratorOnLinuxX64AndThePortableOneWhenTheProjectOptsOut()
    {
        // build/SpecClients.targets: the ReadyToRun images on the .NET SDK on linux-x64, the portable IL builds
        // everywhere else and when a project opts out; either way the generator runs (the program only compiles if the
        // client was generated).
        var package = await _fixture.PackAsync();
        var consumer = ConsumerProject.Create(Path.Combine(_fixture.WorkRoot, "consumers"), "ReadyToRunConsumer", "net10.0", package, _fixture.CompilerServer);
        consumer.DropSpec("kitegateway.yaml");
        consumer.WriteFile("Program.cs", """
            Console.WriteLine(typeof(ReadyToRunConsumer.Kitegateway.KitegatewayClient).FullName);

            """);

        // The SDK's runtime identifier decides, as the targets do (NETCoreSdkRuntimeIdentifier); these tests run on it.
        var expected = RuntimeInformation.RuntimeIdentifier == "linux-x64" ? ReadyToRunFolder : PortableFolder;
        var byDefault = await BuildCleanlyAsync(consumer);
        GeneratorAnalyzers(byDefault.Output, package).ShouldBe(GeneratorFiles.Select(f => expected + f), ignoreOrder: true, byDefault.Tail());
        if (expected == ReadyToRunFolder)
        {
            // The compiler server loads analyzers from copies in memory, where the images' native code goes unused;
            // PrecompiledGenerator loads the three images again by path, so the server maps them (it maps nothing of
            // the package without that).
            var imagesFolder = "/specclients/" + package.Version.ToLowerInvariant() + "/" + ReadyToRunFolder;
            _fixture.CompilerServer.MappedFiles()
                .Where(path => path.Contains(imagesFolder, StringComparison.OrdinalIgnoreCase))
                .Select(Path.GetFileName)
                .ShouldBe(GeneratorFiles, ignoreOrder: true, "files of " + imagesFolder + " the compiler server has mapped");
        }

        var optedOut = await BuildCleanlyAsync(consumer, "--no-incremental", "-p:SpecClients_ReadyToRun=false");
        GeneratorAnalyzers(optedOut.Output, package).ShouldBe(GeneratorFiles.Select(f => PortableFolder + f), ignoreOrder: true, optedOut.Tail());
    }

    /// <summary>The /analyzer: arguments of the compiler command line that come from this package, relative to its folder.</summary>
    private static IReadOnlyList<string> GeneratorAnalyzers(string output, PackedPackage package)
    {
        var packageFolder = "/specclients/" + package.Version.ToLowerInvariant() + "/";
        return AnalyzerArgument().Matches(output)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(path => path.Contains(packageFolder, StringComparison.OrdinalIgnoreCase))
            .Select(path => path[(path.IndexOf(packageFolder, StringComparison.OrdinalIgnoreCase) + packageFolder.Length)..])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"/analyzer:(?<path>[^\s""]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AnalyzerArgument();

    /// <summary>
    /// Builds and fails on any error or warning, naming a generator that did not load (CS8784, CS8785, AD0001, …) even
    /// though such a build can succeed; and checks the compilation really went through the compiler server.
    /// <paramref name="arguments"/> are more <c>dotnet build</c> arguments.
    /// </summary>
    private async Task<CommandResult> BuildCleanlyAsync(ConsumerProject consumer, params string[] arguments)
    {
        var build = await consumer.BuildAsync(arguments);
        _output.WriteLine($"build {consumer.Name} {string.Join(' ', arguments)}: {build.Elapsed.TotalSeconds:0.0} s, exit {build.ExitCode}");
        var diagnostics = BuildOutput.Diagnostics(build.Output);
        var loadFailures = diagnostics.Where(d => BuildOutput.GeneratorLoadFailures.Contains(d.Code)).Select(d => d.Line).ToList();
        loadFailures.ShouldBeEmpty("the generator did not load or run in the compiler");
        build.ExitCode.ShouldBe(0, build.Describe());
        BuildOutput.UnexpectedDiagnostics(build.Output).ShouldBeEmpty("a user's build should be clean");
        build.Output.ShouldContain("CompilerServer: server - server processed compilation", Case.Sensitive,
            "the compilation was expected to run in the compiler server: " + build.Tail());
        return build;
    }

    private static string Program(string calls) => $$"""
        namespace PackageConsumer;

        internal static class Program
        {
            private static async Task<int> Main(string[] args)
            {
                var sandbox = new Uri(args[0]);
                using var http = new HttpClient();
                {{calls}}
                return 0;
            }
        }

        """;

    private static readonly string KitegatewayCall = $$"""
        using PackageConsumer.Kitegateway;

        namespace PackageConsumer;

        // Without dependency injection: options, the token providers, the client.
        internal static class KitegatewayCall
        {
            public static async Task RunAsync(HttpClient http, Uri sandbox)
            {
                var options = new KitegatewayClientOptions
                {
                    BaseAddress = new Uri(sandbox, "kitegateway/"),
                    SecretKey = "{{Credentials.KitegatewaySecretKey}}",
                    KitegatewayTokenRequest = new TokenRequest { ApiKey = "{{Credentials.KitegatewayApiKey}}" },
                };
                var auth = new KitegatewayClientAuth(options, () => http);
                var client = new KitegatewayClient(http, options, auth);
                var callback = await client.SendTransactionCallbackAsync("KGW-REF-1001");
                var token = await auth.KitegatewayToken.GetTokenAsync(CancellationToken.None);
                Console.WriteLine($"kitegateway: token obtained ({token.Value.Length} chars); send-callback {callback.Status} ({callback.Message})");
            }
        }

        """;

    private static readonly string TorusCall = $$"""
        using Microsoft.Extensions.DependencyInjection;
        using PackageConsumer.Torus;

        namespace PackageConsumer;

        // With dependency injection: the generated AddTorusClient registration.
        internal static class TorusCall
        {
            public static async Task RunAsync(Uri sandbox)
            {
                var services = new ServiceCollection();
                services.AddTorusClient(o =>
                {
                    o.BaseAddress = new Uri(sandbox, "torus/");
                    o.RequestToken = "{{Credentials.TorusRequestToken}}";
                    o.TorusAccessTokenRequest = new SessionRequest { ApiKey = "{{Credentials.TorusApiKey}}", ApiSecret = "{{Credentials.TorusApiSecret}}" };
                });
                await using var provider = services.BuildServiceProvider();
                var funds = await provider.GetRequiredService<TorusClient>().GetFundsAsync(new FundsRequest { Source = "N" });
                var token = await provider.GetRequiredService<TorusClientAuth>().TorusAccessToken.GetTokenAsync(CancellationToken.None);
                Console.WriteLine($"torus: token obtained ({token.Value.Length} chars); funds {funds.Status}");
            }
        }

        """;
}
