using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Shouldly;
using SpecClients.Client.Tests.Support;
using Xunit;
using Faspay = Providers.FaspaySendme;
using Fincart = Providers.Fincart;
using Fincode = Providers.Fincode;
using Kite = Providers.Kitegateway;
using Torus = Providers.Torus;

namespace SpecClients.Client.Tests;

/// <summary>Unknown members survive a read and a write through the records' own converters.</summary>
public sealed class RoundTripTests
{
    private static readonly Dictionary<string, Func<string, string>> RoundTrips = new()
    {
        ["kitegateway TokenResponse"] = json => Wire.Write(Wire.Read(json, Kite.TokenResponse.JsonConverter.ReadValue), Kite.TokenResponse.JsonConverter.WriteValue),
        ["kitegateway ErrorResponse"] = json => Wire.Write(Wire.Read(json, Kite.ErrorResponse.JsonConverter.ReadValue), Kite.ErrorResponse.JsonConverter.WriteValue),
        ["fincart OrderLogsResponse"] = json => Wire.Write(Wire.Read(json, Fincart.OrderLogsResponse.JsonConverter.ReadValue), Fincart.OrderLogsResponse.JsonConverter.WriteValue),
        ["fincode PostOauthTokenResponse"] = json => Wire.Write(Wire.Read(json, Fincode.PostOauthTokenResponse.JsonConverter.ReadValue), Fincode.PostOauthTokenResponse.JsonConverter.WriteValue),
        ["faspay BalanceResponse"] = json => Wire.Write(Wire.Read(json, Faspay.BalanceResponse.JsonConverter.ReadValue), Faspay.BalanceResponse.JsonConverter.WriteValue),
        ["torus FundsResponse"] = json => Wire.Write(Wire.Read(json, Torus.FundsResponse.JsonConverter.ReadValue), Torus.FundsResponse.JsonConverter.WriteValue),
        ["torus SessionResponse"] = json => Wire.Write(Wire.Read(json, Torus.SessionResponse.JsonConverter.ReadValue), Torus.SessionResponse.JsonConverter.WriteValue),
    };

    // Known members first in declared order, unknown ones last, as the writers emit them.
    public static TheoryData<string, string> Bodies => new()
    {
        { "kitegateway TokenResponse", """{"code":200,"status":"success","message":"Token generated","data":{"token":"JWT t","expires":1622197906,"scope":["collections","payouts"]},"request_id":"kg-req-1","meta":{"region":"ug","retry":null}}""" },
        { "kitegateway ErrorResponse", """{"code":"kitegateway_rest_term_invalid","status":"error","message":"Invalid","data":{"status":401},"trace":[1,2.50,true]}""" },
        { "fincart OrderLogsResponse", """{"statusCode":200,"data":{"logs":[{"title":"Order Created","by":"merchant","awb":"AWB123","geo":{"lat":12.97}}],"page":1},"timestamp":"2024-03-01T10:15:30.000Z"}""" },
        { "fincode PostOauthTokenResponse", """{"access_token":"eyJ.fincode.sig","token_type":"bearer","refresh_token":"r","expires_in":3599,"scope":"read write"}""" },
        { "faspay BalanceResponse", """{"virtual_account":"9920000028","balance":"7897000.00","available_balance":"6897000.00","status":"2","message":"Success","response_code":"00","response_desc":"success","currency":"IDR"}""" },
        { "torus FundsResponse", """{"data":[{"limit_type":"CASH","available_balance":125000.5,"bank_code":"HDFC"}],"message":"Success","status":"success","server_time":1717171717}""" },
        { "torus SessionResponse", """{"AccessToken":"a","RefreshToken":"r","ExpiresAt":"2024-06-01T15:30:00+05:30"}""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void ResponseRecordsWriteBackTheUnknownMembersTheyRead(string record, string json)
    {
        var written = RoundTrips[record](json);

        JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(json)).ShouldBeTrue($"wrote {written}");
    }

    [Fact]
    public void UnknownMembersAreReadableFromAdditionalPropertiesAtEveryLevel()
    {
        var response = Wire.Read(
            """{"code":200,"data":{"token":"JWT t","expires":1,"scope":["collections"]},"request_id":"kg-req-1"}""",
            Kite.TokenResponse.JsonConverter.ReadValue);

        response.AdditionalProperties.ShouldNotBeNull()["request_id"].GetString().ShouldBe("kg-req-1");
        response.Data.ShouldNotBeNull().AdditionalProperties.ShouldNotBeNull()["scope"][0].GetString().ShouldBe("collections");
    }

    [Fact]
    public void ExpiredInSentAsStringIsReadAsNumberAndWrittenAsNumber()
    {
        var token = Wire.Read("""{"expired_in":"36000","status":"2","message":"Success"}""", Faspay.TokenResponse.JsonConverter.ReadValue);

        token.ExpiredIn.ShouldBe(36000);
        Wire.Write(token, Faspay.TokenResponse.JsonConverter.WriteValue).ShouldBe("""{"expired_in":36000,"status":"2","message":"Success"}""");
    }
}
