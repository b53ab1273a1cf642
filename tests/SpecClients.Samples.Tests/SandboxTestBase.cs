using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SpecClients.Samples.Sandbox;
using Xunit;

namespace SpecClients.Samples.Tests;

/// <summary>Starts a real sandbox on 127.0.0.1 per test, with a manual clock.</summary>
public abstract class SandboxTestBase : IAsyncLifetime
{
    private readonly List<HttpClient> _clients = [];
    private ProviderSandbox? _sandbox;

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected SandboxOptions Options { get; private set; } = null!;

    protected ProviderSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("Not started.");

    public virtual async Task InitializeAsync()
    {
        Options = new SandboxOptions { TimeProvider = Time };
        Configure(Options);
        _sandbox = await ProviderSandbox.StartAsync(Options);
    }

    public async Task DisposeAsync()
    {
        foreach (HttpClient client in _clients)
        {
            client.Dispose();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    protected virtual void Configure(SandboxOptions options)
    {
    }

    protected HttpClient Client(string provider)
    {
        var client = new HttpClient { BaseAddress = Sandbox.For(provider) };
        _clients.Add(client);
        return client;
    }

    protected static HttpRequestMessage Request(HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value).ShouldBeTrue(name);
        }

        return request;
    }

    protected static HttpRequestMessage JsonRequest(HttpMethod method, string path, string json, params (string Name, string Value)[] headers)
    {
        HttpRequestMessage request = Request(method, path, headers);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }

    protected static async Task<Reply> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (HttpResponseMessage response = await client.SendAsync(request))
        {
            string text = await response.Content.ReadAsStringAsync();
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json", text);
            using JsonDocument document = JsonDocument.Parse(text);
            return new Reply(response.StatusCode, document.RootElement.Clone(), response);
        }
    }

    protected static void ShouldHaveExactly(JsonElement element, params string[] names) =>
        element.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal)
            .ShouldBe(names.OrderBy(n => n, StringComparer.Ordinal), element.GetRawText());

    protected static string Str(JsonElement element, string name)
    {
        JsonElement value = element.GetProperty(name);
        value.ValueKind.ShouldBe(JsonValueKind.String, $"{name} in {element.GetRawText()}");
        return value.GetString()!;
    }

    protected sealed record Reply(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response);
}
