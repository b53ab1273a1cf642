using System;
using System.Text;
using Shouldly;
using SpecClients.Samples.Faspay;
using Xunit;

namespace SpecClients.Samples.Tests;

/// <summary>The test vectors of shared/providers.md (made-up credentials), which must match exactly.</summary>
public sealed class FaspaySignatureTests
{
    private const string Timestamp = "2024-01-02 03:04:05";
    private const string ExpectedTokenPart = "ZXhhbXBsZS1jbGllbnQta2V5OmV4YW1wbGUtY2xpZW50LXNlY3JldA==";

    private static readonly FaspayCredentials Example = new(
        faspayKey: "example-faspay-key",
        faspaySecret: "example-faspay-secret",
        appKey: "example-app-key",
        appSecret: "example-app-secret",
        clientKey: "example-client-key",
        clientSecret: "example-client-secret",
        iv: "example-iv");

    [Fact]
    public void Authorization_matches_the_vector() =>
        FaspaySignature.Authorization(Example).ShouldBe("VuW61ymBFPhtskdWBrUIpKHILdkUXx/P7O/znpfDmwzvpeFrDBlSzVGsR4yPUk15");

    [Fact]
    public void Token_part_of_the_token_request_matches_the_vector() =>
        FaspaySignature.TokenPart(Example).ShouldBe(ExpectedTokenPart);

    [Fact]
    public void Signature_over_the_service_path_matches_the_vector() =>
        FaspaySignature.Signature(Example, "GET", "/account/api/balance_inquiry", Timestamp, ExpectedTokenPart).ShouldBe(
            "qcjkUJ96UC8llVpymnBPAU2KRkI+F4uP3fGyc4N3R9ieWwHvFkuDA75HE1DjJWMq6DP0gl2M6U9D5BwvWStoNAqm4dgFpDEM49I19IBrySMujYXRoyKUb8XyHAUxaB+Qn5g4KrzJ7SagDltFLbgNVQ==");

    [Theory]
    [InlineData("/account/api/balance_inquiry/{virtual_account}", "/account/api/balance_inquiry")]
    [InlineData("/account/api/balance_inquiry", "/account/api/balance_inquiry")]
    [InlineData("/account/api/{version}/transfer", "/account/api")]
    [InlineData("/", "/")]
    public void Service_path_is_the_template_up_to_its_first_parameter(string template, string servicePath) =>
        FaspaySignature.ServicePath(template).ShouldBe(servicePath);

    [Fact]
    public void Signature_over_the_token_path_matches_the_vector() =>
        FaspaySignature.Signature(Example, "GET", "/account/api/tokens", Timestamp, FaspaySignature.TokenPart(Example)).ShouldBe(
            "qcjkUJ96UC8llVpymnBPATL4uxFMWzLVHjaauy4+Pf/An1AwsOUjlI3h+xCA0y9N1MBdPOgNccazfJ/rJniwAkqtoz7uoWbIiiyb5HmkCJPBanKRwTXqkj+T/VBLAPmhMZ4N6bTJTtx+DZEToMI95g==");

    [Fact]
    public void Encrypt_with_raw_secret_and_iv_equals_the_credentials_overload() =>
        FaspaySignature.Encrypt("example-app-key:example-app-secret", "example-faspay-secret", "example-iv")
            .ShouldBe("VuW61ymBFPhtskdWBrUIpKHILdkUXx/P7O/znpfDmwzvpeFrDBlSzVGsR4yPUk15");

    [Fact]
    public void Signature_is_aes_of_the_colon_terminated_text() =>
        FaspaySignature.Signature(Example, "GET", "/x", Timestamp, "tp")
            .ShouldBe(FaspaySignature.Encrypt("GET:/x:" + Timestamp + ":tp:", Example));

    [Fact]
    public void Token_part_of_later_calls_appends_the_access_token()
    {
        string part = FaspaySignature.TokenPart(Example, "abc+/=");
        Encoding.UTF8.GetString(Convert.FromBase64String(part)).ShouldBe("example-client-key:example-client-secret:abc+/=");
    }

    [Fact]
    public void Decrypt_reverses_encrypt_and_fails_with_another_secret()
    {
        string cipher = FaspaySignature.Encrypt("GET:/account/api/tokens:" + Timestamp + ":x:", Example);
        FaspaySignature.TryDecrypt(cipher, "example-faspay-secret", "example-iv", out string? text).ShouldBeTrue();
        text.ShouldBe("GET:/account/api/tokens:" + Timestamp + ":x:");

        bool ok = FaspaySignature.TryDecrypt(cipher, "another-secret", "example-iv", out string? other);
        (ok && other == text).ShouldBeFalse();
        FaspaySignature.TryDecrypt("not base64!", "example-faspay-secret", "example-iv", out _).ShouldBeFalse();
    }

    [Fact]
    public void Timestamp_is_formatted_in_utc_plus_7()
    {
        FaspaySignature.FormatTimestamp(new DateTimeOffset(2024, 1, 1, 20, 4, 5, TimeSpan.Zero)).ShouldBe(Timestamp);
        FaspaySignature.FormatTimestamp(new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(9))).ShouldBe(Timestamp);
    }

    [Fact]
    public void Timestamp_parses_back_as_utc_plus_7_and_rejects_other_formats()
    {
        FaspaySignature.TryParseTimestamp(Timestamp, out DateTimeOffset instant).ShouldBeTrue();
        instant.ShouldBe(new DateTimeOffset(2024, 1, 1, 20, 4, 5, TimeSpan.Zero));
        instant.Offset.ShouldBe(TimeSpan.FromHours(7));
        FaspaySignature.TryParseTimestamp("2024-01-02T03:04:05", out _).ShouldBeFalse();
        FaspaySignature.TryParseTimestamp(null, out _).ShouldBeFalse();
    }

    [Fact]
    public void Credentials_to_string_shows_no_secret()
    {
        string text = Example.ToString();
        text.ShouldContain("example-faspay-key");
        foreach (string secret in new[] { Example.FaspaySecret, Example.AppKey, Example.AppSecret, Example.ClientKey, Example.ClientSecret, Example.Iv })
        {
            text.ShouldNotContain(secret);
        }
    }

    [Fact]
    public void Credentials_reject_empty_values() =>
        Should.Throw<ArgumentException>(() => new FaspayCredentials("k", "", "a", "b", "c", "d", "e"));
}
