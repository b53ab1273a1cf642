using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace SpecClients.Runtime.Tests.Support;

/// <summary>One captured log entry: everything a log sink could see.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, string? Exception, IReadOnlyList<string> StateValues)
{
    /// <summary>All text of the entry, for secret scanning.</summary>
    public string AllText => string.Join("\n", new[] { Category, EventId.ToString(), Message, Exception ?? string.Empty }.Concat(StateValues));
}

/// <summary>Keeps every log entry at every level, with its state values and exception text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public ILogger CreateLogger() => CreateLogger("SpecClients.Tests");

    public IEnumerable<LogEntry> WithEvent(EventId id) => Entries.Where(e => e.EventId.Id == id.Id);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger : ILogger
    {
        private readonly CapturingLoggerProvider _owner;
        private readonly string _category;

        public CapturingLogger(CapturingLoggerProvider owner, string category)
        {
            _owner = owner;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<string>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var pair in pairs)
                {
                    values.Add(pair.Key + "=" + Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            _owner._entries.Enqueue(new LogEntry(_category, logLevel, eventId, formatter(state, exception), exception?.ToString(), values));
        }
    }
}
