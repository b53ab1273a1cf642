using System;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Internal;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

public sealed class TokenExpiryTests
{
    [Fact]
    public void FromJwtReadsTopLevelExpAndIgnoresNestedOnes()
    {
        var jwt = Jwt.WithPayload("{\"nested\":{\"exp\":1},\"list\":[{\"exp\":2}],\"exp\":1700000000,\"sub\":\"x\"}");

        TokenExpiry.FromJwt(jwt).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("bearer ")]
    [InlineData("JWT ")]
    [InlineData("  JWT   ")]
    public void FromJwtAcceptsASchemePrefix(string prefix) =>
        TokenExpiry.FromJwt(prefix + Jwt.WithExp(1700000000)).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));

    [Fact]
    public void FromJwtDecodesBase64UrlCharacters()
    {
        // "~~~" and "???" encode to '-' / '_' in base64url (and '+' / '/' in plain base64).
        var jwt = Jwt.WithPayload("{\"a\":\"~~~???>>>\",\"exp\":1700000001}");
        var payload = jwt.Split('.')[1];
        (payload.Contains('-') || payload.Contains('_')).ShouldBeTrue("the test payload must exercise base64url characters");

        TokenExpiry.FromJwt(jwt).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000001));
    }

    [Fact]
    public void FromJwtFloorsAFractionalExp() =>
        TokenExpiry.FromJwt(Jwt.WithPayload("{\"exp\":1700000000.75}")).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));

    [Theory]
    [InlineData("opaque-token-value")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d.e")]
    [InlineData("")]
    [InlineData("header..sig")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.!!!notbase64!!!.sig")]
    public void FromJwtReturnsNullForNonJwts(string token) => TokenExpiry.FromJwt(token).ShouldBeNull();

    [Fact]
    public void FromJwtReturnsNullWithoutExpOrWithANonNumericExp()
    {
        TokenExpiry.FromJwt(Jwt.WithPayload("{\"sub\":\"x\"}")).ShouldBeNull();
        TokenExpiry.FromJwt(Jwt.WithPayload("{\"exp\":\"1700000000\"}")).ShouldBeNull();
        TokenExpiry.FromJwt(Jwt.WithPayload("[1,2,3]")).ShouldBeNull();
        TokenExpiry.FromJwt(Jwt.WithPayload("{\"exp\":")).ShouldBeNull();
    }

    [Fact]
    public void FromUnixSecondsConvertsAndSaturates()
    {
        TokenExpiry.FromUnixSeconds(null).ShouldBeNull();
        TokenExpiry.FromUnixSeconds(1700000000).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        TokenExpiry.FromUnixSeconds(long.MaxValue).ShouldBe(DateTimeOffset.MaxValue);
        TokenExpiry.FromUnixMilliseconds(1700000000123).ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123));
    }

    [Fact]
    public void FromRelativeSecondsCountsFromTheClock()
    {
        var clock = TestClock.Create();

        TokenExpiry.FromRelativeSeconds(3600, clock).ShouldBe(TestClock.Start.AddHours(1));
        TokenExpiry.FromRelativeSeconds(null, clock).ShouldBeNull();
        TokenExpiry.FromRelativeSeconds(long.MaxValue, clock).ShouldBe(DateTimeOffset.MaxValue);
    }
}
