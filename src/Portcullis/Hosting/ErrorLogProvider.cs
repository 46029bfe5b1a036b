namespace Portcullis.Hosting;

/// <summary>
/// Sends every log entry at Error and above, with its exception, to the error log file
/// (<see cref="ErrorLog"/>, where the command line's stack traces go too), so that a server's
/// failures are found in one place and not only in whatever captured its console.
/// </summary>
public sealed class ErrorLogProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ErrorLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class ErrorLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                ErrorLog.Write($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
        }
    }
}
