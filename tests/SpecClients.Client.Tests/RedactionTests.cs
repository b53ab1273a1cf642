using System.Collections.Generic;
using System.Text.Json;
using Shouldly;
using Xunit;
using Faspay = Providers.FaspaySendme;
using Fincode = Providers.Fincode;
using Kite = Providers.Kitegateway;
using Torus = Providers.Torus;

namespace SpecClients.Client.Tests;

/// <summary>ToString() of records never shows the values of members the specs mark sensitive.</summary>
public sealed class RedactionTests
{
    [Fact]
    public void TorusSessionRequestHidesApiKeyAndApiSecret()
    {
        var text = new Torus.SessionRequest { ApiKey = "torus-key-value", ApiSecret = "torus-secret-value" }.ToString();

        text.ShouldBe("SessionRequest { ApiKey = ***, ApiSecret = ***, AdditionalProperties = null }");
    }

    [Fact]
    public void KitegatewayTokenRequestHidesApiKey()
    {
        var text = new Kite.TokenRequest { ApiKey = "kg-key-value", ExpiresIn = 900 }.ToString();

        text.ShouldBe("TokenRequest { ApiKey = ***, ExpiresIn = 900, AdditionalProperties = null }");
    }

    [Fact]
    public void FincodeTokenRequestHidesPasswordAndUserName()
    {
        var text = new Fincode.PostOauthTokenRequest { Username = "merchant01", Password = "fincode-password-value", GrantType = Fincode.PostOauthTokenRequestGrantType.Password }.ToString();

        // A user name identifies the account a token belongs to: it is treated as a secret too.
        text.ShouldContain("Username = ***");
        text.ShouldNotContain("merchant01");
        text.ShouldContain("Password = ***");
        text.ShouldNotContain("fincode-password-value");
    }

    [Fact]
    public void KitegatewayTokenResponseHidesTheNestedToken()
    {
        var text = new Kite.TokenResponse { Code = 200, Data = new Kite.TokenData { Token = "JWT kg-token-value", Expires = 1622197906 } }.ToString();

        text.ShouldContain("Token = ***");
        text.ShouldContain("Expires = 1622197906");
        text.ShouldNotContain("kg-token-value");
    }

    [Fact]
    public void AccessTokensInResponsesAreHidden()
    {
        new Faspay.TokenResponse { AccessToken = "faspay-token-value", ExpiredIn = 36000, Status = "2", Message = "Success" }.ToString().ShouldNotContain("faspay-token-value");
        new Torus.SessionResponse { AccessToken = "torus-token-value" }.ToString().ShouldBe("SessionResponse { AccessToken = ***, AdditionalProperties = null }");
    }

    [Fact]
    public void AdditionalPropertiesArePrintedAsACountOnly()
    {
        using var document = JsonDocument.Parse("""{"access_token":"fincode-token-value","refresh_token":"fincode-refresh-value"}""");
        var extra = new Dictionary<string, JsonElement>();
        foreach (var member in document.RootElement.EnumerateObject())
        {
            extra[member.Name] = member.Value.Clone();
        }

        var text = new Fincode.PostOauthTokenResponse { AdditionalProperties = extra }.ToString();

        text.ShouldContain("AdditionalProperties = 2 member(s)");
        text.ShouldNotContain("fincode-token-value");
        text.ShouldNotContain("fincode-refresh-value");
    }
}
