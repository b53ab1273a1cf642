using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using SpecClients.Testing.Oracle;
using SpecClients.Testing.Prism;

namespace SpecClients.Conformance.Tests;

/// <summary>What one call came to.</summary>
internal enum Outcome
{
    /// <summary>The request passed Prism's validation and the client read a response that conforms to the spec.</summary>
    Pass,

    /// <summary>Prism rejected the request (422, or 400/401/404/405): the client sent something the spec does not allow.</summary>
    RequestRejected,

    /// <summary>The response conforms to the spec, yet the client could not read it (or threw).</summary>
    ReadFailed,

    /// <summary>
    /// A status the spec declares outside 2xx (e.g. an operation whose only response is a 302), its body read into the
    /// typed <c>ApiException&lt;TError&gt;</c> the generated client throws for it: read, as the client's contract says.
    /// </summary>
    ReadAsTypedError,

    /// <summary>
    /// The body Prism sent does not conform to the spec itself (a generated value outside its schema, an example that
    /// breaks it): neither a pass nor a failure of the client, reported apart.
    /// </summary>
    PrismOutsideSpec,
}

/// <summary>One call, its exchange and its outcome.</summary>
internal sealed record CallResult(string Operation, Outcome Outcome, string Detail);

/// <summary>
/// Runs every generated operation of one spec against <c>prism mock</c>: builds realistic arguments, calls the operation
/// through the generated client, and classifies each call by what Prism said about the request and what the schema
/// oracle says about the response the client read.
/// </summary>
internal sealed class ConformanceRun
{
    /// <summary>The specs of the suite, by the name the tests use, with their file and generated client.</summary>
    public static readonly IReadOnlyDictionary<string, (string Path, Type Client)> Specs = new Dictionary<string, (string, Type)>(StringComparer.Ordinal)
    {
        ["faspay-sendme"] = (RepositoryPaths.Spec("faspay-sendme.yaml"), typeof(global::Conformance.FaspaySendme.FaspaySendmeClient)),
        ["fincart"] = (RepositoryPaths.Spec("fincart.yaml"), typeof(global::Conformance.Fincart.FincartClient)),
        ["fincode"] = (RepositoryPaths.Spec("fincode.yaml"), typeof(global::Conformance.Fincode.FincodeClient)),
        ["kitegateway"] = (RepositoryPaths.Spec("kitegateway.yaml"), typeof(global::Conformance.Kitegateway.KitegatewayClient)),
        ["torus"] = (RepositoryPaths.Spec("torus.yaml"), typeof(global::Conformance.Torus.TorusClient)),
        ["oai-v3.0-petstore"] = (Path.Combine(RepositoryPaths.Corpus, "oai-v3.0-petstore.yaml"), typeof(global::Conformance.OaiV30Petstore.OaiV30PetstoreClient)),
        ["oai-v3.0-petstore-expanded"] = (Path.Combine(RepositoryPaths.Corpus, "oai-v3.0-petstore-expanded.yaml"), typeof(global::Conformance.OaiV30PetstoreExpanded.OaiV30PetstoreExpandedClient)),
        ["oai-v3.0-uspto"] = (Path.Combine(RepositoryPaths.Corpus, "oai-v3.0-uspto.yaml"), typeof(global::Conformance.OaiV30Uspto.OaiV30UsptoClient)),
        ["twilio-oauth-v2"] = (Path.Combine(RepositoryPaths.Corpus, "twilio-oauth-v2.yaml"), typeof(global::Conformance.TwilioOauthV2.TwilioOauthV2Client)),
        ["swagger-petstore3-openapi"] = (Path.Combine(RepositoryPaths.Corpus, "swagger-petstore3-openapi.yaml"), typeof(global::Conformance.SwaggerPetstore3Openapi.SwaggerPetstore3OpenapiClient)),
    };

    private readonly string _specPath;
    private readonly Type _clientType;
    private readonly SchemaOracle _oracle;
    private readonly IReadOnlyList<SpecOperation> _operations;

    /// <summary>A run for the spec named <paramref name="spec"/> in <see cref="Specs"/>.</summary>
    /// <param name="spec">The spec's name.</param>
    public ConformanceRun(string spec)
    {
        (_specPath, _clientType) = Specs[spec];
        _oracle = SchemaOracle.ForFile(_specPath);
        _operations = SpecOperations.All(_oracle.Document);
    }

    /// <summary>How many calls per operation: <c>SPECCLIENTS_PRISM_SAMPLES</c>, else 3 (what CI runs).</summary>
    public static int Samples =>
        int.TryParse(Environment.GetEnvironmentVariable("SPECCLIENTS_PRISM_SAMPLES"), out var samples) && samples > 0 ? samples : 3;

    /// <summary>Starts Prism on the spec, calls every operation <paramref name="samples"/> times and stops Prism.</summary>
    /// <param name="mode">How Prism answers.</param>
    /// <param name="samples">Calls per operation, each with its own seeded arguments.</param>
    /// <returns>One result per call, and the spec operations no call reached.</returns>
    public async Task<(IReadOnlyList<CallResult> Results, IReadOnlyList<string> Unreached)> RunAsync(PrismMode mode, int samples)
    {
        await using var prism = await PrismMock.StartAsync(_specPath, mode);
        using var recorder = new ExchangeRecorder();
        using var http = new HttpClient(recorder, disposeHandler: false);
        var client = CreateClient(http, prism.BaseAddress);
        var results = new List<CallResult>();
        var reached = new HashSet<SpecOperation>();
        foreach (var method in OperationMethods())
        {
            var operation = _operations.FirstOrDefault(o => o.OperationId is { } id && SpecOperations.Comparable(id) == SpecOperations.Comparable(method.Name[..^"Async".Length]));
            for (var sample = 0; sample < samples; sample++)
            {
                var arguments = new ArgumentBuilder(_oracle.Document, Seed(method.Name, sample)).Arguments(method, operation);
                Exception? thrown = null;
                try
                {
                    await (Task)method.Invoke(client, arguments)!;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    thrown = ex;
                }

                var exchange = recorder.Take().LastOrDefault();
                if (exchange is not null && _operations.FirstOrDefault(o => o.Matches(exchange.Method, exchange.Path)) is { } called)
                {
                    reached.Add(called);
                    operation ??= called;
                }

                results.Add(Classify(method.Name, operation, exchange, thrown, prism));
            }
        }

        var unreached = _operations.Where(o => !reached.Contains(o)).Select(o => o.Method + " " + o.Path).ToList();
        return (results, unreached);
    }

    /// <summary>
    /// Sends one hand-made request to a running Prism of this spec and judges it as <see cref="RunAsync"/> judges a
    /// generated call: what shows that the judgement can fail.
    /// </summary>
    /// <param name="prism">Prism, started on this run's spec.</param>
    /// <param name="request">A request whose URI is relative to Prism's base address.</param>
    /// <returns>The result.</returns>
    public async Task<CallResult> SendAsync(PrismMock prism, HttpRequestMessage request)
    {
        using var recorder = new ExchangeRecorder();
        using var http = new HttpClient(recorder, disposeHandler: false) { BaseAddress = prism.BaseAddress };
        foreach (var authenticator in SpecAuthenticator.For(_oracle.Document))
        {
            await authenticator.ApplyAsync(request, default);
        }

        using var response = await http.SendAsync(request);
        var exchange = recorder.Take().Single();
        var operation = _operations.FirstOrDefault(o => o.Matches(exchange.Method, exchange.Path));
        var thrown = response.IsSuccessStatusCode ? null : new HttpRequestException("status " + exchange.Status.ToString(CultureInfo.InvariantCulture));
        return Classify(request.Method + " " + exchange.Path, operation, exchange, thrown, prism);
    }

    /// <summary>The spec's file.</summary>
    public string SpecPath => _specPath;

    /// <summary>Runs <paramref name="spec"/> in <paramref name="mode"/> with <see cref="Samples"/> calls per operation and writes the report.</summary>
    /// <param name="spec">The spec's name.</param>
    /// <param name="mode">How Prism answers.</param>
    /// <param name="write">Where the report goes (the test's output).</param>
    /// <returns>The results, the operations no call reached, and the report.</returns>
    public static async Task<(IReadOnlyList<CallResult> Results, IReadOnlyList<string> Unreached, string Report)> RunAndReportAsync(
        string spec, PrismMode mode, Action<string> write)
    {
        var (results, unreached) = await new ConformanceRun(spec).RunAsync(mode, Samples);
        var report = Report(spec, mode, results);
        write(report);
        return (results, unreached, report);
    }

    /// <summary>A readable table of the results, one line per call that did not pass, and the totals.</summary>
    /// <param name="spec">The spec's name.</param>
    /// <param name="mode">The mode.</param>
    /// <param name="results">The results.</param>
    /// <returns>The report.</returns>
    public static string Report(string spec, PrismMode mode, IReadOnlyList<CallResult> results)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{spec} ({mode}): {results.Count} calls");
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            text.Append(CultureInfo.InvariantCulture, $", {outcome} {results.Count(r => r.Outcome == outcome)}");
        }

        text.AppendLine();
        foreach (var result in results.Where(r => r.Outcome != Outcome.Pass).DistinctBy(r => (r.Outcome, r.Operation, r.Detail)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {result.Outcome} {result.Operation}: {result.Detail}");
        }

        return text.ToString();
    }

    private CallResult Classify(string name, SpecOperation? operation, Exchange? exchange, Exception? thrown, PrismMock prism)
    {
        if (exchange is null)
        {
            return new CallResult(name, Outcome.ReadFailed, "no request reached Prism: " + thrown);
        }

        if (exchange.Status is 400 or 401 or 404 or 405 or 415 or 422)
        {
            return new CallResult(name, Outcome.RequestRejected, $"{exchange.Status} for {exchange.Method} {exchange.Uri.PathAndQuery}: {exchange.Violations}");
        }

        if (PrismViolations(exchange) is { } violations)
        {
            // --errors: Prism checked the response it was about to send against the spec and sent this instead.
            return violations.Any(v => v.StartsWith("request", StringComparison.Ordinal))
                ? new CallResult(name, Outcome.RequestRejected, $"{exchange.Status} for {exchange.Method} {exchange.Uri.PathAndQuery}: {string.Join("; ", violations)}")
                : new CallResult(name, Outcome.PrismOutsideSpec, "Prism's own response breaks the spec, so it answered 500: " + string.Join("; ", violations));
        }

        var errors = operation is null ? ["the spec operation is unknown"] : ValidateResponse(operation, exchange);
        if (errors.Count > 0)
        {
            var read = thrown is null ? "read without exception" : "the client threw " + thrown.GetType().Name + ": " + thrown.Message;
            return new CallResult(name, Outcome.PrismOutsideSpec, $"{exchange.Status} body breaks the spec ({string.Join("; ", errors.Take(3))}); {read}. Body: {Shorten(exchange.Body)}");
        }

        if (thrown is ApiException typed && typed.GetType().IsGenericType && Declared(operation, exchange.Status)
            && typed.GetType().GetProperty("Error")?.GetValue(typed) is not null)
        {
            return new CallResult(name, Outcome.ReadAsTypedError, $"declared status {exchange.Status} read as {typed.GetType().Name}<{typed.GetType().GetGenericArguments()[0].Name}>");
        }

        if (thrown is not null)
        {
            var detail = thrown is ApiException api ? $"status {api.StatusCode}" : thrown.ToString();
            return new CallResult(name, Outcome.ReadFailed, $"{detail}. Body: {Shorten(exchange.Body)}. Prism: {exchange.Violations} {Shorten(prism.Output[^Math.Min(prism.Output.Length, 600)..])}");
        }

        return new CallResult(name, Outcome.Pass, string.Empty);
    }

    /// <summary>Whether the operation's responses name this status code exactly.</summary>
    private bool Declared(SpecOperation? operation, int status) =>
        operation is not null && (SpecOperations.Follow(_oracle.Document, operation.Node["responses"]) as JsonObject)?.ContainsKey(status.ToString(CultureInfo.InvariantCulture)) == true;

    /// <summary>The oracle's errors for the response body (empty when it conforms, or when the spec declares no body).</summary>
    private IReadOnlyList<string> ValidateResponse(SpecOperation operation, Exchange exchange)
    {
        var responses = SpecOperations.Follow(_oracle.Document, operation.Node["responses"]) as JsonObject;
        var status = exchange.Status.ToString(CultureInfo.InvariantCulture);
        var code = new[] { status, status[0] + "XX", status[0] + "xx", "default" }.FirstOrDefault(c => responses?.ContainsKey(c) == true);
        if (code is null)
        {
            return exchange.Status is >= 200 and < 300 ? [] : [$"status {status} is not declared"];
        }

        var content = (SpecOperations.Follow(_oracle.Document, responses![code]) as JsonObject)?["content"] as JsonObject;
        var media = content?.Select(c => c.Key).OrderByDescending(m => string.Equals(m, exchange.ContentType, StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault(m => content[m]?["schema"] is not null);
        if (media is null || exchange.Body.Length == 0 || exchange.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return [];
        }

        var pointer = operation.Pointer + "/responses/" + code + "/content/" + media.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) + "/schema";
        // A pointer that leads nowhere would validate against nothing and pass everything: say so instead.
        return _oracle.HasSchema(pointer) ? _oracle.Validate(pointer, BodyDirection.Response, exchange.Body) : ["the test found no schema at " + pointer];
    }

    /// <summary>The violations of Prism's own error document (<c>…/prism/errors#VIOLATIONS</c>), as "location: message"; else null.</summary>
    private static List<string>? PrismViolations(Exchange exchange)
    {
        if (exchange.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true
            || !exchange.Body.Contains("stoplight.io/prism/errors#VIOLATIONS", StringComparison.Ordinal)
            || JsonNode.Parse(exchange.Body)?["validation"] is not JsonArray validation)
        {
            return null;
        }

        return validation.OfType<JsonObject>()
            .Select(v => string.Join(".", ((v["location"] as JsonArray) ?? []).Select(l => l?.ToString())) + ": " + v["message"])
            .ToList();
    }

    /// <summary>The same seed for the same operation and sample in every run (string.GetHashCode differs per process).</summary>
    private static int Seed(string operation, int sample) => operation.Aggregate(sample + 17, (hash, c) => unchecked((hash * 31) + c));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private object CreateClient(HttpClient http, Uri baseAddress)
    {
        var optionsType = _clientType.Assembly.GetType(_clientType.FullName + "Options", throwOnError: true)!;
        var options = Activator.CreateInstance(optionsType)!;
        optionsType.GetProperty("BaseAddress")!.SetValue(options, baseAddress);
        optionsType.GetProperty("AllowInsecureHttp")!.SetValue(options, true);
        var constructor = _clientType.GetConstructor([typeof(HttpClient), optionsType, typeof(IEnumerable<IRequestAuthenticator>)])
            ?? throw new InvalidOperationException(_clientType + " has no constructor taking authenticators.");
        return constructor.Invoke([http, options, SpecAuthenticator.For(_oracle.Document)]);
    }

    /// <summary>The generated operations: the client's public instance methods that return a task.</summary>
    private IEnumerable<MethodInfo> OperationMethods() =>
        _clientType.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) && m.Name.EndsWith("Async", StringComparison.Ordinal))
            .OrderBy(m => m.Name, StringComparer.Ordinal);
}
