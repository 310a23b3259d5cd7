using System.Net.Sockets;
using AuthApi.Redis;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AuthApi;

/// <summary>
/// Keeps failures that are reported elsewhere in one line from also filling the log with stack traces: an entry whose
/// exception is a port already in use is dropped (<c>PortInUse.TryStartAsync</c> says which port), and one whose exception
/// is Redis being away is written without its stack trace (<c>RedisConnection</c> logs the outage, requests answer 503;
/// Data Protection would otherwise log a trace for every cookie it cannot read while its key ring is in Redis). Every
/// other entry passes through unchanged.
/// </summary>
internal sealed class KnownFailureLogFilter(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Wraps the logger factory the framework would build (same providers, filters and scopes).</summary>
    public static IServiceCollection Register(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new KnownFailureLogFilter(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>()))));

    /// <summary>Kestrel's bind failure: an <see cref="IOException"/> around <see cref="AddressInUseException"/> around the socket error.</summary>
    public static bool IsAddressInUse(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }
        return false;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsAddressInUse(exception))
            {
                return;
            }
            if (exception is not null && RedisFailure.Is(exception))
            {
                inner.Log(logLevel, eventId, state, null, (entry, _) => $"{formatter(entry, exception)} (Redis did not answer: {exception.GetType().Name})");
                return;
            }
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
