using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Http;
using SpecClients.Runtime.Tests.Support;
using SpecClients.Testing;
using Xunit;

namespace SpecClients.Runtime.Tests.Http;

/// <summary>Buffering a response body: with and without Content-Length, in small reads, within the size limit.</summary>
public sealed class ApiResponseTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(57)]
    [InlineData(16 * 1024)]
    [InlineData(100_000)]
    public async Task ABodyWithContentLengthIsReadWhole(int size)
    {
        var body = Bytes(size);

        var response = await ReadAsync(new BodyContent(body, declaredLength: size, readSize: 1000), maxBytes: 1_000_000);

        response.Body.ShouldBe(body);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(57)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(300_000)]
    public async Task ABodyWithoutContentLengthIsReadWholeAcrossManyReads(int size)
    {
        var body = Bytes(size);

        var response = await ReadAsync(new BodyContent(body, declaredLength: null, readSize: 777), maxBytes: 1_000_000);

        response.Body.ShouldBe(body);
    }

    [Fact]
    public async Task ABodyLongerThanItsContentLengthIsReadToTheEnd()
    {
        var body = Bytes(50_000);

        var response = await ReadAsync(new BodyContent(body, declaredLength: 100, readSize: 4096), maxBytes: 1_000_000);

        response.Body.ShouldBe(body);
    }

    [Fact]
    public async Task ABodyShorterThanItsContentLengthGivesWhatArrived()
    {
        var body = Bytes(100);

        var response = await ReadAsync(new BodyContent(body, declaredLength: 500, readSize: 30), maxBytes: 1_000_000);

        response.Body.ShouldBe(body);
    }

    [Fact]
    public async Task ADeclaredLengthOverTheLimitIsRefusedBeforeReading()
    {
        var content = new BodyContent(Bytes(10), declaredLength: 2_000, readSize: 10);

        var ex = await Should.ThrowAsync<ApiResponseFormatException>(() => ReadAsync(content, maxBytes: 1_000));

        ex.Message.ShouldContain("exceeds the limit of 1000 bytes");
        content.Reads.ShouldBe(0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(500L)] // a Content-Length within the limit that the body then runs past
    public async Task ABodyRunningPastTheLimitIsRefused(long? declared)
    {
        var ex = await Should.ThrowAsync<ApiResponseFormatException>(
            () => ReadAsync(new BodyContent(Bytes(40_000), declaredLength: declared, readSize: 1000), maxBytes: 20_000));

        ex.Message.ShouldContain("exceeds the limit of 20000 bytes");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(200L)]
    public async Task ABodyExactlyAtTheLimitIsAccepted(long? declared)
    {
        var body = Bytes(200);

        var response = await ReadAsync(new BodyContent(body, declaredLength: declared, readSize: 64), maxBytes: 200);

        response.Body.ShouldBe(body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(10_000L)]
    public async Task AConnectionClosedMidBodyNamesTheCallAndTheBytesRead(long? declared)
    {
        var content = new BodyContent(Bytes(10_000), declaredLength: declared, readSize: 1000, failAfter: 3000);

        var ex = await Should.ThrowAsync<ApiResponseFormatException>(() => ReadAsync(content, maxBytes: 1_000_000));

        ex.Message.ShouldContain("the connection closed after 3000 bytes");
        ex.InnerException.ShouldBeOfType<IOException>();
    }

    [Fact]
    public async Task AChunkedBodyFromAServerIsReadWhole()
    {
        var body = Bytes(70_000);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            // Written in pieces without a Content-Length: Kestrel sends it chunked.
            for (var offset = 0; offset < body.Length; offset += 10_000)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(10_000, body.Length - offset)));
                await context.Response.Body.FlushAsync();
            }
        });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(server.Uri, HttpCompletionOption.ResponseHeadersRead);
        response.Headers.TransferEncodingChunked.ShouldBe(true);
        response.Content.Headers.ContentLength.ShouldBeNull();

        var read = await ApiResponse.ReadAsync(response, "Test", "getThing", 1_000_000, CancellationToken.None);

        read.Body.ShouldBe(body);
    }

    private static async Task<ApiResponse> ReadAsync(HttpContent content, long maxBytes)
    {
        using var message = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        return await ApiResponse.ReadAsync(message, "Test", "getThing", maxBytes, CancellationToken.None);
    }

    private static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Content that declares any length (or none) and hands its bytes out in reads of at most a given size.</summary>
    private sealed class BodyContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly int _readSize;
        private readonly int? _failAfter;

        public BodyContent(byte[] body, long? declaredLength, int readSize, int? failAfter = null)
        {
            _body = body;
            _readSize = readSize;
            _failAfter = failAfter;
            Headers.ContentLength = declaredLength;
        }

        public int Reads { get; private set; }

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new Trickle(this));

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => throw new NotSupportedException();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private sealed class Trickle : ReadOnlyForwardStream
        {
            private readonly BodyContent _owner;
            private int _position;

            public Trickle(BodyContent owner) => _owner = owner;

            public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

            public override int Read(Span<byte> buffer)
            {
                _owner.Reads++;
                if (_owner._failAfter is { } failAfter && _position >= failAfter)
                {
                    throw new IOException("The response ended prematurely.");
                }

                var limit = _owner._failAfter ?? _owner._body.Length;
                var count = Math.Min(Math.Min(buffer.Length, _owner._readSize), limit - _position);
                _owner._body.AsSpan(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                new(Read(buffer.Span));

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromResult(Read(buffer, offset, count));
        }
    }
}
