using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Providers.FormBodies;
using Shouldly;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

/// <summary>
/// A form body of every kind of member, sent through the record's JSON writer (one runtime call per operation), read
/// back by ASP.NET Core's form reader rather than ours.
/// </summary>
public sealed class FormBodyWireTests
{
    [Fact]
    public async Task EveryKindOfMemberIsAFieldAndNestedOnesAreDeepObjectFields()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = new FormBodiesClient(server.CreateHttpClient(), new FormBodiesClientOptions { BaseAddress = server.Uri });

        await client.CreateChargeAsync(new ChargeRequest
        {
            Amount = 2000,
            Currency = "eur",
            Capture = false,
            FeeRate = 0.25,
            Method = ChargeRequestMethod.SepaDebit,
            Due = new DateTimeOffset(2026, 12, 6, 10, 30, 0, TimeSpan.FromHours(1)),
            Description = "a b&c=ü",
            Metadata = new Dictionary<string, string> { ["order"] = "42" },
            Expand = ["customer", "invoice.subscription"],
            Items = [new ChargeRequestItemsItem { Price = "p_1", Quantity = 2 }],
            Shipping = new ChargeRequestShipping { Name = "Ann", Address = new ChargeRequestShippingAddress { City = "Köln" } },
            AdditionalProperties = new Dictionary<string, JsonElement> { ["idempotency_hint"] = JsonDocument.Parse("\"retry-1\"").RootElement },
        });

        var request = server.SingleRequest;
        request.ContentType.ShouldStartWith("application/x-www-form-urlencoded");
        var form = new FormReader(request.BodyText).ReadForm().ToDictionary(f => f.Key, f => f.Value.ToString());
        form.ShouldBe(new Dictionary<string, string>
        {
            ["amount"] = "2000",
            ["currency"] = "eur",
            ["capture"] = "false",
            ["fee_rate"] = "0.25",
            ["method"] = "sepa_debit",
            ["due"] = "2026-12-06T10:30:00+01:00",
            ["description"] = "a b&c=ü",
            ["metadata[order]"] = "42",
            ["expand[0]"] = "customer",
            ["expand[1]"] = "invoice.subscription",
            ["items[0][price]"] = "p_1",
            ["items[0][quantity]"] = "2",
            ["shipping[name]"] = "Ann",
            ["shipping[address][city]"] = "Köln",
            ["idempotency_hint"] = "retry-1",
        }, ignoreOrder: true);
        form.ShouldNotContainKey("statement", "an unset member is left out, not sent empty");
    }

    [Fact]
    public async Task OnlyTheRequiredMembersGoWhenNothingElseIsSet()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = new FormBodiesClient(server.CreateHttpClient(), new FormBodiesClientOptions { BaseAddress = server.Uri });

        await client.CreateChargeAsync(new ChargeRequest { Amount = 1, Currency = "usd" });

        server.SingleRequest.BodyText.ShouldBe("amount=1&currency=usd");
    }
}
