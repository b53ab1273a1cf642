using System;
using System.Text;
using System.Threading.Tasks;
using Shouldly;
using SpecClients.Runtime.Json;
using Xunit;

namespace SpecClients.Client.Tests.Support;

/// <summary>Small helpers shared by the wire tests.</summary>
public static class Wire
{
    /// <summary>Runs <paramref name="call"/> and returns the exception it threw, failing when it threw none or one of another type.</summary>
    public static async Task<T> ThrowsAsync<T>(Func<Task> call)
        where T : Exception
    {
        var exception = await Record.ExceptionAsync(call);
        exception.ShouldNotBeNull($"expected {typeof(T).Name}, but the call succeeded");
        return exception.ShouldBeAssignableTo<T>()!;
    }

    /// <summary>Reads <paramref name="json"/> with a generated reader.</summary>
    public static T Read<T>(string json, JsonReadFunc<T> read) => JsonWrite.FromUtf8Bytes(Encoding.UTF8.GetBytes(json), read);

    /// <summary>Writes <paramref name="value"/> with a generated writer.</summary>
    public static string Write<T>(T value, JsonWriteAction<T> write) => JsonWrite.ToJsonString(value, write);
}
