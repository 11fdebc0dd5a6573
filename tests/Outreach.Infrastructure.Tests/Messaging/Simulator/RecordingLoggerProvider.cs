using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Outreach.Infrastructure.Tests.Messaging.Simulator;

/// <summary>Keeps every log entry so a test can assert what the simulator reported.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => entries.ToList();

    public IReadOnlyList<string> Warnings => entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
