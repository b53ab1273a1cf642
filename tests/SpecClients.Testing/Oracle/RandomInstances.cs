using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace SpecClients.Testing.Oracle;

/// <summary>
/// Builds seeded random instances of generated types by reflection (records through their init properties, unions
/// through their <c>From…</c> factories, enums from their members, lists and maps of a few items) and writes them with
/// the type's own generated converter. The values carry what the C# type says (member names, nesting, nullability,
/// enum values, union branches), not what only the schema says (patterns, lengths, ranges, formats): those are the
/// caller's to choose, so the oracle reports them separately (<see cref="OracleFindings.IsValueConstraint"/>).
/// </summary>
public sealed class RandomInstances
{
    private const int MaxDepth = 4;
    private static readonly DateTimeOffset s_epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Random _random;
    private readonly NullabilityInfoContext _nullability = new();

    /// <summary>A builder whose choices all follow from <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed; the same seed builds the same values.</param>
    public RandomInstances(int seed) => _random = new Random(seed);

    /// <summary>How many random instances a test builds per type: <c>SPECCLIENTS_ORACLE_SAMPLES</c>, else <paramref name="bounded"/>.</summary>
    /// <param name="bounded">The CI default.</param>
    /// <returns>The number of samples.</returns>
    public static int Samples(int bounded) =>
        int.TryParse(Environment.GetEnvironmentVariable("SPECCLIENTS_ORACLE_SAMPLES"), out var samples) && samples > 0 ? samples : bounded;

    /// <summary>Whether <paramref name="type"/> is a generated record or union: it has a nested <c>JsonConverter</c> with a static <c>WriteValue</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>True for generated records and unions.</returns>
    public static bool IsGenerated(Type type) => WriteMethod(type) is not null;

    /// <summary>Writes <paramref name="value"/> with its type's generated converter.</summary>
    /// <param name="type">A generated record or union type.</param>
    /// <param name="value">An instance.</param>
    /// <returns>The JSON text the generated code wrote.</returns>
    public static string Write(Type type, object value)
    {
        var write = WriteMethod(type) ?? throw new ArgumentException(type + " has no generated converter.", nameof(type));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            try
            {
                write.Invoke(null, new[] { writer, value });
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A random instance of <paramref name="type"/>.</summary>
    /// <param name="type">A generated type, a primitive the generator maps to, a list or a map of them.</param>
    /// <returns>The instance (never null at the top).</returns>
    public object Create(Type type) => Value(type, 0)!;

    private static MethodInfo? WriteMethod(Type type) =>
        type.GetNestedType("JsonConverter")?.GetMethod("WriteValue", BindingFlags.Public | BindingFlags.Static);

    private object? Value(Type type, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Value(underlying, depth);
        }

        if (type == typeof(string))
        {
            return "s" + _random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(int))
        {
            return _random.Next(0, 100);
        }

        if (type == typeof(long))
        {
            return (long)_random.Next(0, 100000);
        }

        if (type == typeof(double))
        {
            return Math.Round(_random.NextDouble() * 100, 2);
        }

        if (type == typeof(float))
        {
            return (float)Math.Round(_random.NextDouble() * 100, 2);
        }

        if (type == typeof(decimal))
        {
            return Math.Round((decimal)_random.NextDouble() * 100, 2);
        }

        if (type == typeof(bool))
        {
            return _random.Next(2) == 0;
        }

        if (type == typeof(DateTimeOffset))
        {
            return s_epoch.AddSeconds(_random.Next(0, 86400 * 365));
        }

        if (type == typeof(Guid))
        {
            var bytes = new byte[16];
            _random.NextBytes(bytes);
            return new Guid(bytes);
        }

        if (type == typeof(byte[]))
        {
            var bytes = new byte[_random.Next(1, 9)];
            _random.NextBytes(bytes);
            return bytes;
        }

        if (type == typeof(JsonElement))
        {
            var choices = new[] { "\"text\"", "42", "true", "{\"k\":\"v\"}", "[1,2]" };
            using var document = JsonDocument.Parse(choices[_random.Next(choices.Length)]);
            return document.RootElement.Clone();
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(_random.Next(values.Length));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(IEnumerable<>)))
        {
            var item = type.GetGenericArguments()[0];
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            var count = depth >= MaxDepth ? 0 : _random.Next(1, 4);
            for (var i = 0; i < count; i++)
            {
                list.Add(Value(item, depth + 1));
            }

            return list;
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || type.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
        {
            var valueType = type.GetGenericArguments()[1];
            var map = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            var count = depth >= MaxDepth ? 0 : _random.Next(1, 3);
            for (var i = 0; i < count; i++)
            {
                map["k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Value(valueType, depth + 1);
            }

            return map;
        }

        if (KnownValues(type) is { Count: > 0 } known)
        {
            return known[_random.Next(known.Count)];
        }

        if (UnionFactories(type) is { Count: > 0 } factories)
        {
            var factory = factories[_random.Next(factories.Count)];
            return factory.Invoke(null, new[] { Value(factory.GetParameters()[0].ParameterType, depth + 1) });
        }

        if (IsGenerated(type) && type.GetConstructor(Type.EmptyTypes) is { } constructor)
        {
            return Record(type, constructor, depth);
        }

        throw new NotSupportedException("No random value for " + type);
    }

    // The AdditionalProperties bag is left empty: what goes in it is the caller's, like a pattern or a length.
    private object Record(Type type, ConstructorInfo constructor, int depth)
    {
        var instance = constructor.Invoke(null);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && p.Name != "AdditionalProperties"))
        {
            var required = property.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute");
            var nullable = _nullability.Create(property).WriteState == NullabilityState.Nullable;
            if (nullable && (depth >= MaxDepth || _random.Next(3) == 0) && (!required || _random.Next(2) == 0))
            {
                continue;
            }

            if (!required && depth >= MaxDepth)
            {
                continue;
            }

            property.SetValue(instance, Value(property.PropertyType, depth + 1));
        }

        return instance;
    }

    /// <summary>The named values of an extensible enum (a struct or class with static members of its own type).</summary>
    /// <param name="type">A generated type.</param>
    /// <returns>The values; empty for any other type.</returns>
    public static List<object> KnownValues(Type type) =>
        type.IsEnum || IsGenerated(type) && UnionFactories(type).Count > 0
            ? new List<object>()
            : type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == type && p.GetIndexParameters().Length == 0).Select(p => p.GetValue(null)!)
                .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == type).Select(f => f.GetValue(null)!))
                .ToList();

    /// <summary>A generated union's typed factories (<c>FromCard(Card)</c>), not <c>FromElement</c>.</summary>
    /// <param name="type">A generated type.</param>
    /// <returns>The factories; empty for any other type.</returns>
    public static List<MethodInfo> UnionFactories(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name.StartsWith("From", StringComparison.Ordinal) && m.Name != "FromElement" && m.ReturnType == type && m.GetParameters().Length == 1)
            .ToList();
}
