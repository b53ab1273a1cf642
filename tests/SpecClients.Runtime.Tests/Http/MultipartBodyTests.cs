using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Http;
using Xunit;

namespace SpecClients.Runtime.Tests.Http;

/// <summary>The bytes <see cref="ApiRequest.SetMultipartBody"/> writes, against RFC 7578.</summary>
public sealed class MultipartBodyTests
{
    [Fact]
    public void PartsAreWrittenWithQuotedNamesAndNoFilenameStar()
    {
        var parts = new MultipartBody();
        parts.AddText("say \"hi\"", "v");
        parts.AddFile("doc", new FilePart(Encoding.UTF8.GetBytes("x"), "naïve\r\n\"q\".txt"));

        var (boundary, text) = Write(parts);

        text.ShouldBe(
            "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"say %22hi%22\"\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            + "v\r\n"
            + "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"doc\"; filename=\"naïve%0D%0A%22q%22.txt\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "x\r\n"
            + "--" + boundary + "--\r\n");
    }

    [Fact]
    public void NullValuesAddNoPartAndAnEmptyBodyIsOnlyTheClosingDelimiter()
    {
        var parts = new MultipartBody();
        parts.AddText("a", null);
        parts.AddFile("f", null);
        parts.AddValue("u", default);

        parts.Count.ShouldBe(0);
        var (boundary, text) = Write(parts);
        text.ShouldBe("--" + boundary + "--\r\n");
    }

    [Fact]
    public async Task TheBodyIsWrittenOnceSoRetriesResendItAndTheFilesMediaTypeWins()
    {
        var parts = new MultipartBody();
        using var stream = new MemoryStream(new byte[] { 1, 2, 3 });
        parts.AddFile("f", new FilePart(stream, "f.bin", "application/x-test"), "image/png");
        var request = new ApiRequest("op", HttpMethod.Post, "/upload");
        request.SetMultipartBody(parts);

        var first = request.ToHttpRequestMessage(new Uri("https://example.test/"));
        var second = request.ToHttpRequestMessage(new Uri("https://example.test/"));

        (await first.Content!.ReadAsByteArrayAsync()).ShouldBe(await second.Content!.ReadAsByteArrayAsync());
        Encoding.UTF8.GetString(request.Body!).ShouldContain("Content-Type: application/x-test\r\n", customMessage: "the file's own media type wins over the spec's");
        first.Content.Headers.ContentType!.MediaType.ShouldBe("multipart/form-data");
        first.Content.Headers.ContentType.Parameters.ShouldContain(p => p.Name == "boundary" && p.Value!.StartsWith("----SpecClients", StringComparison.Ordinal));
    }

    private static (string Boundary, string Text) Write(MultipartBody parts)
    {
        var request = new ApiRequest("op", HttpMethod.Post, "/upload");
        request.SetMultipartBody(parts);
        var message = request.ToHttpRequestMessage(new Uri("https://example.test/"));
        var boundary = message.Content!.Headers.ContentType!.Parameters.ShouldHaveSingleItem().Value!;
        return (boundary, Encoding.UTF8.GetString(request.Body!));
    }
}
