using AuthApi.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Redis;

/// <summary>
/// The one connection to <c>Auth:Redis</c>, shared by everything kept there. A Redis that is down never stops the service:
/// the connection is retried in the background, and while it is away a command fails at once instead of queueing, so a
/// request answers 503 rather than hanging.
/// </summary>
internal sealed class RedisConnection(IOptions<AuthOptions> options, ILogger<RedisConnection> logger) : IDisposable
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);

    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() => Connect(options.Value, logger));

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    public ISubscriber Subscriber => _multiplexer.Value.GetSubscriber();

    /// <summary>Raised when a connection to a server fails; on a cluster the client moves to the server that takes over.</summary>
    public event EventHandler<ConnectionFailedEventArgs> ConnectionFailed
    {
        add => _multiplexer.Value.ConnectionFailed += value;
        remove => _multiplexer.Value.ConnectionFailed -= value;
    }

    /// <summary>Raised when the connection is back after a failure: whatever was published meanwhile is lost.</summary>
    public event EventHandler<ConnectionFailedEventArgs> ConnectionRestored
    {
        add => _multiplexer.Value.ConnectionRestored += value;
        remove => _multiplexer.Value.ConnectionRestored -= value;
    }

    /// <summary>Redis answers a ping within a second (a readiness probe must not wait for the command timeout).</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Database.PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException || RedisFailure.Is(ex))
        {
            return false; // TimeoutException: the ping's own limit, which a paused server reaches
        }
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    private static ConnectionMultiplexer Connect(AuthOptions options, ILogger logger)
    {
        var redis = ConfigurationOptions.Parse(options.Redis!);
        if (!string.IsNullOrEmpty(options.RedisTrustedCaPath))
        {
            // The library's own check: the certificate chains to this CA and names the host (sslHost= or the endpoint).
            redis.TrustIssuer(RedisTrustedCaFile.TryRead(options.RedisTrustedCaPath, out var problem)
                ?? throw new InvalidOperationException($"Auth:RedisTrustedCaPath: the file '{options.RedisTrustedCaPath}' {problem}."));
        }
        redis.ConnectionAttemptCompleted += new RedisRefusals(logger).Observe; // before connecting, to hear the first attempts
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ClientName ??= "authapi";
        redis.IncludeDetailInExceptions = false; // key names carry session IDs: kept out of messages that reach a log
        var multiplexer = ConnectionMultiplexer.Connect(redis);
        multiplexer.ConnectionFailed += (_, failure) => logger.RedisConnectionFailed(failure.EndPoint?.ToString() ?? "", failure.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, restored) => logger.RedisConnectionRestored(restored.EndPoint?.ToString() ?? "");
        if (!multiplexer.IsConnected)
        {
            logger.RedisConnectionFailed(string.Join(", ", redis.EndPoints), "not reachable at start");
        }
        return multiplexer;
    }
}
