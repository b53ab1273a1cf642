using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace SpecClients.EndToEnd.Tests.Support;

/// <summary>One captured log entry: everything a log sink could see.</summary>
/// <param name="Category">The logger category.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception's <c>ToString()</c>, if any.</param>
/// <param name="StateValues">Every structured state value and scope value, as <c>name=value</c>.</param>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, string? Exception, IReadOnlyList<string> StateValues)
{
    /// <summary>All text of the entry, for secret scanning.</summary>
    public string AllText => FormattedText + "\n" + string.Join("\n", StateValues);

    /// <summary>What a plain-text sink writes: category, event, message and exception, without the structured state.</summary>
    public string FormattedText => string.Join("\n", Category, EventId.ToString(), Message, Exception ?? string.Empty);

    /// <summary>
    /// Microsoft.Extensions.Http's header events (Trace): their message redacts every value, their structured state
    /// holds the values as sent (see SecretsScanTests).
    /// </summary>
    public bool IsHttpClientHeaderEvent =>
        Category.StartsWith("System.Net.Http.HttpClient.", System.StringComparison.Ordinal)
        && (EventId.Name?.EndsWith("Header", System.StringComparison.Ordinal) ?? false);
}

/// <summary>Keeps every log entry at every level (Trace included), with its state, scopes and exception text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>What was logged so far.</summary>
    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <summary>The entries with event id <paramref name="id"/>.</summary>
    /// <param name="id">The event id.</param>
    /// <returns>The entries.</returns>
    public IReadOnlyList<LogEntry> WithEvent(EventId id) => Entries.Where(e => e.EventId.Id == id.Id).ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

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

    // What a structured sink (JSON console, OpenTelemetry) would write: collections item by item, not their type name.
    private static string Format(object? value) => value switch
    {
        null => "null",
        string text => text,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        private readonly ConcurrentStack<object?> _scopes = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            _scopes.Push(state);
            return new Scope(_scopes);
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<string>();
            AddValues(values, state);
            foreach (var scope in _scopes.ToArray())
            {
                AddValues(values, scope);
            }

            owner._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception?.ToString(), values));
        }

        private sealed class Scope(ConcurrentStack<object?> scopes) : IDisposable
        {
            public void Dispose() => scopes.TryPop(out _);
        }
    }
}
