using Xunit.Abstractions;

namespace SpecClients.Generator.Reliability.Tests.Infrastructure;

/// <summary>
/// A theory argument shown in full: xunit cuts string arguments at 50 characters, and cases whose names then look
/// alike would be reported as one.
/// </summary>
public sealed class CaseName : IXunitSerializable
{
    public CaseName()
    {
        Value = string.Empty;
    }

    public CaseName(string value) => Value = value;

    public string Value { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Value = info.GetValue<string>(nameof(Value));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Value), Value);

    public override string ToString() => Value;
}
