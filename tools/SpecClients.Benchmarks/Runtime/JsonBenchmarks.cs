using System;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SpecClients.Benchmarks.Runtime.Pocos;
using SpecClients.Runtime.Json;
using Faspay = SpecClients.Benchmarks.Generated.FaspaySendme;
using Fincode = SpecClients.Benchmarks.Generated.Fincode;
using Kitegateway = SpecClients.Benchmarks.Generated.Kitegateway;
using PayPal = SpecClients.Benchmarks.Generated.PaypalCheckoutOrdersV2;
using Torus = SpecClients.Benchmarks.Generated.Torus;

namespace SpecClients.Benchmarks.Runtime;

/// <summary>
/// The converters SpecClients generates (as generated clients call them, through <see cref="JsonWrite"/>) against
/// System.Text.Json's own source-generated serializer for equivalent classes (<see cref="PocoJsonContext"/>): the
/// providers' token responses, and a PayPal order (4.5 KB: two purchase units with items, shipping and captures).
/// </summary>
[Config(typeof(Infrastructure.ShortInProcessConfig))]
public class JsonBenchmarks
{
    private PayPal.Order _generatedOrder = null!;
    private Order _pocoOrder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _generatedOrder = PayPalOrder_Generated();
        _pocoOrder = PayPalOrder_SystemTextJson();

        // Both readers must see the same values, or the comparison is not fair.
        var generatedCaptures = _generatedOrder.PurchaseUnits!.SelectMany(u => u.Payments!.Captures!).Count();
        var pocoCaptures = _pocoOrder.PurchaseUnits!.SelectMany(u => u.Payments!.Captures!).Count();
        if (_generatedOrder.Id != _pocoOrder.Id || generatedCaptures != pocoCaptures || generatedCaptures != 2
            || _generatedOrder.PurchaseUnits!.Any(u => u.AdditionalProperties is not null || u.Items!.Any(i => i.AdditionalProperties is not null))
            || FaspayToken_Generated().ExpiredIn != FaspayToken_SystemTextJson().ExpiredIn
            || KitegatewayToken_Generated().Data!.Expires != KitegatewayToken_SystemTextJson().Data!.Expires
            || FincodeToken_Generated().Data!.AccountName != FincodeToken_SystemTextJson().Data!.AccountName
            || TorusSession_Generated().AccessToken != TorusSession_SystemTextJson().AccessToken)
        {
            throw new InvalidOperationException("The generated converters and System.Text.Json read different values.");
        }

        Console.WriteLine("PayPal order payload: " + JsonPayloads.PayPalOrder.Length + " bytes; written back: generated "
            + PayPalOrderWrite_Generated().Length + " bytes, System.Text.Json " + PayPalOrderWrite_SystemTextJson().Length + " bytes");
    }

    [Benchmark]
    [BenchmarkCategory("Faspay token")]
    public Faspay.TokenResponse FaspayToken_Generated() =>
        JsonWrite.FromUtf8Bytes(JsonPayloads.FaspayToken, static (ref Utf8JsonReader r) => Faspay.TokenResponse.JsonConverter.ReadValue(ref r));

    [Benchmark]
    [BenchmarkCategory("Faspay token")]
    public FaspayTokenResponse FaspayToken_SystemTextJson() =>
        JsonSerializer.Deserialize(JsonPayloads.FaspayToken, PocoJsonContext.Default.FaspayTokenResponse)!;

    [Benchmark]
    [BenchmarkCategory("Fincode token")]
    public Fincode.PostOauthTokenResponse FincodeToken_Generated() =>
        JsonWrite.FromUtf8Bytes(JsonPayloads.FincodeToken, static (ref Utf8JsonReader r) => Fincode.PostOauthTokenResponse.JsonConverter.ReadValue(ref r));

    [Benchmark]
    [BenchmarkCategory("Fincode token")]
    public FincodeTokenResponse FincodeToken_SystemTextJson() =>
        JsonSerializer.Deserialize(JsonPayloads.FincodeToken, PocoJsonContext.Default.FincodeTokenResponse)!;

    [Benchmark]
    [BenchmarkCategory("Kitegateway token")]
    public Kitegateway.TokenResponse KitegatewayToken_Generated() =>
        JsonWrite.FromUtf8Bytes(JsonPayloads.KitegatewayToken, static (ref Utf8JsonReader r) => Kitegateway.TokenResponse.JsonConverter.ReadValue(ref r));

    [Benchmark]
    [BenchmarkCategory("Kitegateway token")]
    public KitegatewayTokenResponse KitegatewayToken_SystemTextJson() =>
        JsonSerializer.Deserialize(JsonPayloads.KitegatewayToken, PocoJsonContext.Default.KitegatewayTokenResponse)!;

    [Benchmark]
    [BenchmarkCategory("Torus session")]
    public Torus.SessionResponse TorusSession_Generated() =>
        JsonWrite.FromUtf8Bytes(JsonPayloads.TorusSession, static (ref Utf8JsonReader r) => Torus.SessionResponse.JsonConverter.ReadValue(ref r));

    [Benchmark]
    [BenchmarkCategory("Torus session")]
    public TorusSessionResponse TorusSession_SystemTextJson() =>
        JsonSerializer.Deserialize(JsonPayloads.TorusSession, PocoJsonContext.Default.TorusSessionResponse)!;

    [Benchmark]
    [BenchmarkCategory("PayPal order read")]
    public PayPal.Order PayPalOrder_Generated() =>
        JsonWrite.FromUtf8Bytes(JsonPayloads.PayPalOrder, static (ref Utf8JsonReader r) => PayPal.Order.JsonConverter.ReadValue(ref r));

    [Benchmark]
    [BenchmarkCategory("PayPal order read")]
    public Order PayPalOrder_SystemTextJson() =>
        JsonSerializer.Deserialize(JsonPayloads.PayPalOrder, PocoJsonContext.Default.Order)!;

    [Benchmark]
    [BenchmarkCategory("PayPal order write")]
    public byte[] PayPalOrderWrite_Generated() =>
        JsonWrite.ToUtf8Bytes(_generatedOrder, static (w, v) => PayPal.Order.JsonConverter.WriteValue(w, v));

    [Benchmark]
    [BenchmarkCategory("PayPal order write")]
    public byte[] PayPalOrderWrite_SystemTextJson() =>
        JsonSerializer.SerializeToUtf8Bytes(_pocoOrder, PocoJsonContext.Default.Order);
}
