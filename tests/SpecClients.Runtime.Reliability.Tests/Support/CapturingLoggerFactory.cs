using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace SpecClients.Runtime.Reliability.Tests.Support;

/// <summary>Keeps every log line (message and exception) at every level, to search them for secrets.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string All => string.Join("\n", _lines);

    public int Count(LogLevel minimum) => _lines.Count(l => Enum.Parse<LogLevel>(l.Split(' ', 2)[0]) >= minimum);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        private readonly CapturingLoggerFactory _owner;
        private readonly string _category;

        public Logger(CapturingLoggerFactory owner, string category)
        {
            _owner = owner;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> values ? " {" + string.Join(", ", values.Select(v => v.Key + "=" + v.Value)) + "}" : string.Empty;
            _owner._lines.Enqueue($"{logLevel} {_category} [{eventId.Id}] {formatter(state, exception)}{properties}{(exception is null ? string.Empty : "\n" + exception)}");
        }
    }
}
