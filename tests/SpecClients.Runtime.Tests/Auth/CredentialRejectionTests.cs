using System;
using System.Text;
using Shouldly;
using SpecClients.Runtime.Auth;
using SpecClients.Runtime.Auth.Generated;
using Xunit;

namespace SpecClients.Runtime.Tests.Auth;

/// <summary><c>x-token rejected-when</c>: which response bodies say that the server refused the credential.</summary>
public sealed class CredentialRejectionTests
{
    [Theory]
    [InlineData("/status", "9", "{\"status\":\"9\",\"message\":\"Unauthorized\"}", true)]
    [InlineData("/status", "9", "{\"status\":9}", true)]
    [InlineData("/status", "9", "{\"status\":\"2\"}", false)]
    [InlineData("/status", "9", "{\"status\":\"99\"}", false)]
    [InlineData("/status", "9", "{\"other\":\"9\"}", false)]
    [InlineData("/status", "9", "{\"status\":null}", false)]
    [InlineData("/status", "9", "[\"9\"]", false)]
    [InlineData("/status", "9", "not json", false)]
    [InlineData("/status", "9", "", false)]
    [InlineData("/error/code", "invalid_token", "{\"error\":{\"code\":\"invalid_token\"}}", true)]
    [InlineData("/errors/1/ok", "false", "{\"errors\":[{},{\"ok\":false}]}", true)]
    [InlineData("/errors/2", "x", "{\"errors\":[\"x\"]}", false)]
    [InlineData("/a~1b/c~0d", "1", "{\"a/b\":{\"c~d\":1}}", true)]
    public void ABodyMatchesWhenTheValueAtThePointerEqualsTheText(string pointer, string value, string body, bool matches)
    {
        new CredentialRejection(pointer, value).Matches(Encoding.UTF8.GetBytes(body)).ShouldBe(matches);
    }

    [Fact]
    public void APointerMustStartWithASlash()
    {
        Should.Throw<ArgumentException>(() => new CredentialRejection("status", "9"));
    }

    [Fact]
    public void ItsDescriptionNamesThePointerAndTheValue()
    {
        new CredentialRejection("/status", "9").ToString().ShouldBe("/status = \"9\"");
    }
}
