using System;
using System.Text;

namespace SpecClients.Runtime.Tests.Support;

internal static class Jwt
{
    /// <summary>An unsigned-looking JWS compact token with the given JSON payload.</summary>
    public static string WithPayload(string payloadJson) =>
        Encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Encode(payloadJson) + "." + Encode("signature-bytes");

    public static string WithExp(long exp) => WithPayload("{\"sub\":\"user-1\",\"exp\":" + exp + "}");

    public static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
