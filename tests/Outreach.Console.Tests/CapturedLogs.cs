using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Outreach.Console.Tests;

/// <summary>Every log entry the host writes, with its structured values, for tests that assert what was logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <summary>
    /// The entries after the first <paramref name="skip"/>, up to and including the first that matches
    /// <paramref name="last"/>, waiting for it: the request log line is written as the pipeline unwinds, which
    /// may be just after the client has its response.
    /// </summary>
    public async Task<IReadOnlyList<LogEntry>> SinceAsync(int skip, Func<LogEntry, bool> last)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var entries = Entries.Skip(skip).ToList();
            var index = entries.FindIndex(e => last(e));
            if (index >= 0)
            {
                return entries[..(index + 1)];
            }
            Assert.True(DateTime.UtcNow < deadline, "The expected log entry was never written.");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), values.ToDictionary(v => v.Key, v => v.Value), exception));
        }
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception)
{
    public object? this[string name] => Values.TryGetValue(name, out var value) ? value : null;
}
