using System.Collections.Concurrent;
using AuthApi.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Redis;

/// <summary>
/// The one connection to <c>Auth:Redis</c>, shared by everything kept there. A Redis that is down never stops the service:
/// the connection is retried in the background, and while it is away a command fails at once instead of queueing, so a
/// request answers 503 rather than hanging. With <c>serviceName=</c> it goes to the primary the sentinels name
/// (<see cref="SentinelPrimary"/>), and follows them when they name another.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);

    private readonly ILogger<RedisConnection> _logger;
    private readonly RedisRefusals _refusals;
    private readonly Lazy<ConfigurationOptions> _configuration;
    private readonly Lazy<ConnectionMultiplexer> _server;
    private readonly Lazy<SentinelPrimary> _sentinel;
    private readonly ConcurrentQueue<(RedisChannel Channel, Action<RedisChannel, RedisValue> Handler)> _subscriptions = new();

    public RedisConnection(IOptions<AuthOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _refusals = new RedisRefusals(logger);
        _configuration = new(() => Configure(options.Value));
        _server = new(() => ConnectAtStart(_configuration.Value));
        _sentinel = new(() => FollowSentinels(_configuration.Value));
    }

    /// <summary>Raised when a connection to a server fails; on a cluster the client moves to the server that takes over.</summary>
    public event EventHandler<ConnectionFailedEventArgs>? ConnectionFailed;

    /// <summary>Raised when the connection is back after a failure or goes to another primary: whatever was published meanwhile is lost.</summary>
    public event EventHandler? ConnectionRestored;

    public IDatabase Database => Multiplexer.GetDatabase();

    public ISubscriber Subscriber => Multiplexer.GetSubscriber();

    private bool UsesSentinels => !string.IsNullOrEmpty(_configuration.Value.ServiceName);

    private ConnectionMultiplexer Multiplexer => UsesSentinels ? _sentinel.Value.Current : _server.Value;

    /// <summary>Subscribes now and again on every primary the connection goes to later (a subscription lives on one connection).</summary>
    public async Task SubscribeAsync(RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        ISubscriber subscriber;
        try
        {
            subscriber = Subscriber; // connects first, so the first connection does not subscribe it twice
        }
        finally
        {
            _subscriptions.Enqueue((channel, handler)); // kept even while Redis is away: the next primary gets it
        }
        await subscriber.SubscribeAsync(channel, handler);
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
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
        if (_sentinel.IsValueCreated)
        {
            _sentinel.Value.Dispose();
        }
    }

    private static ConfigurationOptions Configure(AuthOptions options)
    {
        var redis = ConfigurationOptions.Parse(options.Redis!);
        if (!string.IsNullOrEmpty(options.RedisTrustedCaPath))
        {
            // The library's own check: the certificate chains to this CA and names the host (sslHost= or the endpoint).
            redis.TrustIssuer(RedisTrustedCaFile.TryRead(options.RedisTrustedCaPath, out var problem)
                ?? throw new InvalidOperationException($"Auth:RedisTrustedCaPath: the file '{options.RedisTrustedCaPath}' {problem}."));
        }
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ClientName ??= "authapi";
        redis.IncludeDetailInExceptions = false; // key names carry session IDs: kept out of messages that reach a log
        return redis;
    }

    private ConnectionMultiplexer ConnectAtStart(ConfigurationOptions redis)
    {
        var multiplexer = Connect(redis);
        if (!multiplexer.IsConnected)
        {
            _logger.RedisConnectionFailed(string.Join(", ", redis.EndPoints), "not reachable at start");
        }
        return multiplexer;
    }

    private SentinelPrimary FollowSentinels(ConfigurationOptions redis)
    {
        var sentinel = new SentinelPrimary(redis, Connect, _logger);
        sentinel.Switched += (_, _) => ConnectionRestored?.Invoke(this, EventArgs.Empty);
        if (!sentinel.HasPrimary)
        {
            _logger.RedisConnectionFailed(string.Join(", ", redis.EndPoints), "no sentinel names the primary at start");
        }
        return sentinel;
    }

    /// <summary>A connection to a single server or a cluster, or to the primary the sentinels name, with what AuthApi subscribed to.</summary>
    private ConnectionMultiplexer Connect(ConfigurationOptions redis)
    {
        redis.ConnectionAttemptCompleted -= _refusals.Observe; // a clone may carry it already
        redis.ConnectionAttemptCompleted += _refusals.Observe; // before connecting, to hear the first attempts
        var multiplexer = ConnectionMultiplexer.Connect(redis);
        multiplexer.ConnectionFailed += (_, failure) =>
        {
            _logger.RedisConnectionFailed(failure.EndPoint?.ToString() ?? "", failure.FailureType.ToString());
            ConnectionFailed?.Invoke(this, failure);
        };
        multiplexer.ConnectionRestored += (_, restored) =>
        {
            _logger.RedisConnectionRestored(restored.EndPoint?.ToString() ?? "");
            ConnectionRestored?.Invoke(this, EventArgs.Empty);
        };
        foreach (var (channel, handler) in _subscriptions)
        {
            multiplexer.GetSubscriber().Subscribe(channel, handler, CommandFlags.FireAndForget);
        }
        return multiplexer;
    }
}
