using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Providers.Multipart;
using Shouldly;
using SpecClients.Client.Tests.Support;
using SpecClients.Runtime.Http;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Client.Tests;

/// <summary>
/// multipart/form-data bodies (TestSpecs/multipart.yaml) as a server reads them: ASP.NET Core's MultipartReader parses
/// what arrived, and every part's name, file name, content type and content is checked.
/// </summary>
public sealed class MultipartWireTests
{
    private static MultipartClient CreateClient(RecordingServer server) =>
        new(server.CreateHttpClient(), new MultipartClientOptions { BaseAddress = new Uri(server.Uri, "v1/") });

    [Fact]
    public async Task EveryKindOfPartArrivesWithItsNameFileNameAndContentType()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(201, """{"id":"ph_1"}""");
        var client = CreateClient(server);
        using var image = new MemoryStream(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF });

        var photo = await client.UploadPhotoAsync("al 1", new UploadPhotoRequest
        {
            Title = "Sunset \"over\" Zürich",
            Rating = 5,
            Visibility = UploadPhotoRequestVisibility.Private,
            Tags = new[] { "sky", "lake" },
            Details = new PhotoDetails { Camera = "X100", TakenAt = new DateTimeOffset(2024, 5, 1, 18, 30, 0, TimeSpan.Zero) },
            Image = new FilePart(image, "sunset.png"),
            Thumbnail = new FilePart(new byte[] { 1, 2, 3 }, "thumb.jpg", "image/jpeg"),
            Attachments = new[] { new FilePart(Encoding.UTF8.GetBytes("a"), "a.txt"), new FilePart(Encoding.UTF8.GetBytes("b"), "b.txt", "text/plain") },
            Options = new UploadPhotoRequestOptions { Crop = true, Sizes = new long[] { 64, 128 } },
        });

        photo.Id.ShouldBe("ph_1");
        var request = server.SingleRequest;
        request.Path.ShouldBe("/v1/albums/al%201/photos");
        var parts = await ReadPartsAsync(request);
        parts.Select(p => p.Name).ShouldBe(new[] { "title", "rating", "visibility", "tags", "tags", "details", "image", "thumbnail", "attachments", "attachments", "options[crop]", "options[sizes][0]", "options[sizes][1]" });

        parts[0].ShouldBe(Text("title", "Sunset \"over\" Zürich"));
        parts[1].ShouldBe(Text("rating", "5"));
        parts[2].ShouldBe(Text("visibility", "private"));
        parts[3].ShouldBe(Text("tags", "sky"));
        parts[4].ShouldBe(Text("tags", "lake"));
        parts[5].ShouldBe(new Part("details", null, "application/json; charset=utf-8", """{"camera":"X100","takenAt":"2024-05-01T18:30:00+00:00"}"""));

        // The file's own content type wins; else the encoding's (the first it lists); else application/octet-stream.
        parts[6].ShouldBe(new Part("image", "sunset.png", "image/png", Convert.ToBase64String(image.ToArray())));
        parts[7].ShouldBe(new Part("thumbnail", "thumb.jpg", "image/jpeg", "AQID"));
        parts[8].ShouldBe(new Part("attachments", "a.txt", "application/octet-stream", "YQ=="));
        parts[9].ShouldBe(new Part("attachments", "b.txt", "text/plain", "Yg=="));

        // style: deepObject in the encoding: sent as form fields are.
        parts[10].ShouldBe(Text("options[crop]", "true"));
        parts[11].ShouldBe(Text("options[sizes][0]", "64"));
        parts[12].ShouldBe(Text("options[sizes][1]", "128"));
    }

    [Fact]
    public async Task AThreeOneContentMediaTypeIsTheFilesDefaultAndNullFieldsAreLeftOut()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(201, "{}");
        var client = CreateClient(server);

        await client.UploadPhotoAsync("a", new UploadPhotoRequest
        {
            Title = "t",
            Image = new FilePart(new byte[] { 7 }, "i.bin"),
            Thumbnail = new FilePart(new byte[] { 8 }, "t.webp"),
        });

        var parts = await ReadPartsAsync(server.SingleRequest);
        parts.ShouldBe(new[]
        {
            Text("title", "t"),
            new Part("image", "i.bin", "image/png", "Bw=="),
            new Part("thumbnail", "t.webp", "image/webp", "CA=="),
        });
    }

    [Fact]
    public async Task ABodyWithoutFilesUsesTheSchemasRecordAndSendsArraysOfObjectsAsOneJsonPartEach()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);
        var client = CreateClient(server);

        await client.CreateNoteAsync(new Note
        {
            Text = "line 1\r\nline 2",
            Pinned = false,
            Labels = new[] { new PhotoDetails { Camera = "a" }, new PhotoDetails { Camera = "b" } },
        });

        var request = server.SingleRequest;
        request.Header("Content-Type").ShouldStartWith("multipart/form-data; boundary=");
        (await ReadPartsAsync(request)).ShouldBe(new[]
        {
            Text("text", "line 1\r\nline 2"),
            Text("pinned", "false"),
            new Part("labels", null, "application/json", """{"camera":"a"}"""),
            new Part("labels", null, "application/json", """{"camera":"b"}"""),
        });
    }

    [Fact]
    public async Task AnOptionalBodyLeftOutSendsNoBody()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond(204, null, string.Empty);

        await CreateClient(server).CreateNoteAsync();

        var request = server.SingleRequest;
        request.Body.ShouldBeEmpty();
        request.Header("Content-Type").ShouldBeNull();
    }

    [Fact]
    public async Task AStreamIsReadFromItsPositionAndLeftOpen()
    {
        await using var server = await RecordingServer.StartAsync();
        server.RespondJson(201, "{}");
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("skipKEEP"));
        stream.Position = 4;

        await CreateClient(server).UploadPhotoAsync("a", new UploadPhotoRequest { Title = "t", Image = new FilePart(stream, "k.txt", "text/plain") });

        stream.CanRead.ShouldBeTrue("the caller owns the stream");
        (await ReadPartsAsync(server.SingleRequest))[1].ShouldBe(new Part("image", "k.txt", "text/plain", Convert.ToBase64String(Encoding.ASCII.GetBytes("KEEP"))));
    }

    private static Part Text(string name, string value) => new(name, null, "text/plain; charset=utf-8", value);

    /// <summary>The parts as a server sees them; file contents as base64, other contents as UTF-8 text.</summary>
    private static async Task<Part[]> ReadPartsAsync(RecordedRequest request)
    {
        var contentType = MediaTypeHeaderValue.Parse(request.Header("Content-Type"));
        contentType.MediaType.Value.ShouldBe("multipart/form-data");
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var parts = new List<Part>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            disposition.DispositionType.Value.ShouldBe("form-data");
            disposition.FileNameStar.HasValue.ShouldBeFalse("RFC 7578 forbids filename*");
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            var fileName = disposition.FileName.HasValue ? HeaderUtilities.RemoveQuotes(disposition.FileName).Value : null;
            parts.Add(new Part(
                HeaderUtilities.RemoveQuotes(disposition.Name).Value!,
                fileName,
                section.ContentType!,
                fileName is null ? Encoding.UTF8.GetString(content.ToArray()) : Convert.ToBase64String(content.ToArray())));
        }

        return parts.ToArray();
    }

    private sealed record Part(string Name, string? FileName, string ContentType, string Content);
}
