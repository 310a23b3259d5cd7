using System.Net;
using StackExchange.Redis;

namespace AuthApi.Redis;

/// <summary>
/// With <c>serviceName=</c>: a connection to the one server the sentinels name as primary, asked every second and replaced
/// when they name another. StackExchange.Redis's own Sentinel connection also holds the replicas and the old primary; when a
/// killed primary restarts still calling itself primary (empty, or with what it held before the failover) it may send
/// commands there, and every session missing from it reads as logged out.
/// </summary>
internal sealed class SentinelPrimary : IDisposable
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetireAfter = TimeSpan.FromMinutes(1); // a request holding the previous connection ends first

    private readonly ConfigurationOptions _primaryOptions;
    private readonly string _serviceName;
    private readonly Func<ConfigurationOptions, ConnectionMultiplexer> _connect;
    private readonly ILogger _logger;
    private readonly ConnectionMultiplexer _sentinels;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _checking = new();
    private readonly Timer _timer;
    private volatile ConnectionMultiplexer? _current;
    private EndPoint? _currentEndPoint;

    /// <param name="connect">Connects to one data node, as <see cref="RedisConnection"/> connects to a single server.</param>
    public SentinelPrimary(ConfigurationOptions configuration, Func<ConfigurationOptions, ConnectionMultiplexer> connect, ILogger logger)
    {
        _serviceName = configuration.ServiceName!;
        _primaryOptions = configuration.Clone();
        _primaryOptions.ServiceName = null;
        _connect = connect;
        _logger = logger;
        var sentinels = configuration.Clone();
        sentinels.User = configuration.SentinelUser; // as StackExchange.Redis does: the sentinels' own credentials, else the servers'
        sentinels.Password = configuration.SentinelPassword;
        _sentinels = ConnectionMultiplexer.SentinelConnect(sentinels);
        _sentinels.ConnectionFailed += (_, failure) => logger.RedisSentinelUnreachable(failure.EndPoint?.ToString() ?? "", failure.FailureType.ToString());
        Check();
        _timer = new Timer(_ => Check(), null, CheckEvery, CheckEvery);
    }

    /// <summary>Raised once commands go to a newly named primary.</summary>
    public event EventHandler? Switched;

    /// <summary>The connection to the primary; until a sentinel has named one, a Redis failure (503).</summary>
    public ConnectionMultiplexer Current => _current
        ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, $"No sentinel has named the primary of {_serviceName} yet.");

    public bool HasPrimary => _current is not null;

    public void Dispose()
    {
        _timer.Dispose();
        lock (_checking)
        {
            _disposed.Cancel(); // retiring connections are disposed now
            _current?.Dispose();
            _sentinels.Dispose();
        }
        _disposed.Dispose();
    }

    private void Check()
    {
        if (!_checking.TryEnter())
        {
            return; // the previous check still waits for a sentinel
        }
        try
        {
            if (!_disposed.IsCancellationRequested && NamedPrimary() is { } named && !named.Equals(_currentEndPoint))
            {
                Follow(named);
            }
        }
        finally
        {
            _checking.Exit();
        }
    }

    /// <summary>What most answering sentinels name: one that has not heard of the failover yet is outvoted.</summary>
    private EndPoint? NamedPrimary()
    {
        var named = new List<EndPoint>();
        foreach (var sentinel in _sentinels.GetEndPoints())
        {
            try
            {
                if (_sentinels.GetServer(sentinel).SentinelGetMasterAddressByName(_serviceName) is { } primary)
                {
                    named.Add(primary);
                }
            }
            catch (Exception ex) when (RedisFailure.Is(ex))
            {
                // this sentinel is away: the others answer
            }
        }
        return named.GroupBy(primary => primary).OrderByDescending(votes => votes.Count()).Select(votes => votes.Key).FirstOrDefault();
    }

    private void Follow(EndPoint primary)
    {
        var options = _primaryOptions.Clone();
        options.EndPoints.Clear();
        options.EndPoints.Add(primary);
        var next = _connect(options);
        if (next.GetServer(primary) is { IsConnected: true, IsReplica: true })
        {
            next.Dispose(); // named before its promotion finished: asked again at the next check
            return;
        }
        var previous = _current;
        _current = next;
        _currentEndPoint = primary;
        _logger.RedisSentinelPrimary(primary.ToString() ?? "", _serviceName);
        Switched?.Invoke(this, EventArgs.Empty);
        if (previous is not null)
        {
            _ = Task.Delay(RetireAfter, _disposed.Token).ContinueWith(_ => previous.Dispose(), TaskScheduler.Default);
        }
    }
}
