using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace SpecClients.Testing;

/// <summary>
/// What a log sink could see of a <see cref="FakeLogRecord"/>, as text to search for secrets. FakeLogger keeps the
/// state and scopes as objects; a structured sink (JSON console, OpenTelemetry) writes collections item by item, so the
/// text here does too, where <see cref="FakeLogRecord.StructuredState"/> would show a collection's type name.
/// </summary>
public static class FakeLogRecordText
{
    /// <summary>A logger factory that sends every level, Trace included, to <paramref name="collector"/>.</summary>
    /// <param name="collector">Where the records go.</param>
    public static ILoggerFactory CreateFactory(FakeLogCollector collector) =>
        LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));

    /// <summary>The records with event id <paramref name="id"/>.</summary>
    /// <param name="collector">The records.</param>
    /// <param name="id">The event id (its number is compared).</param>
    public static IReadOnlyList<FakeLogRecord> WithEvent(this FakeLogCollector collector, EventId id) =>
        collector.GetSnapshot().Where(r => r.Id.Id == id.Id).ToArray();

    /// <summary>All text of every record so far (<see cref="AllText(FakeLogRecord)"/>), for secret scanning.</summary>
    /// <param name="collector">The records.</param>
    public static string AllText(this FakeLogCollector collector) => string.Join("\n", collector.GetSnapshot().Select(r => r.AllText()));

    /// <summary>Every structured state value and scope value, as <c>name=value</c>.</summary>
    /// <param name="record">The record.</param>
    public static IReadOnlyList<string> StateValues(this FakeLogRecord record)
    {
        var values = new List<string>();
        AddValues(values, record.State);
        foreach (var scope in record.Scopes)
        {
            AddValues(values, scope);
        }

        return values;
    }

    /// <summary>What a plain-text sink writes: category, event, message and exception, without the structured state.</summary>
    /// <param name="record">The record.</param>
    public static string FormattedText(this FakeLogRecord record) =>
        string.Join("\n", record.Category ?? string.Empty, record.Id.ToString(), record.Message, record.Exception?.ToString() ?? string.Empty);

    /// <summary>All text of the record, structured state and scopes included, for secret scanning.</summary>
    /// <param name="record">The record.</param>
    public static string AllText(this FakeLogRecord record) => record.FormattedText() + "\n" + string.Join("\n", record.StateValues());

    /// <summary>
    /// Microsoft.Extensions.Http's header events (Trace): their message redacts every value, their structured state
    /// holds the values as sent.
    /// </summary>
    /// <param name="record">The record.</param>
    public static bool IsHttpClientHeaderEvent(this FakeLogRecord record) =>
        (record.Category ?? string.Empty).StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal)
        && (record.Id.Name?.EndsWith("Header", StringComparison.Ordinal) ?? false);

    private static void AddValues(List<string> values, object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var pair in pairs)
            {
                values.Add(pair.Key + "=" + Format(pair.Value));
            }
        }
        else if (state is not null)
        {
            values.Add(Format(state));
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string text => text,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
