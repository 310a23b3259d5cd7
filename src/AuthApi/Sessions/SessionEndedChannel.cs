using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.Extensions.Options;

namespace AuthApi.Sessions;

/// <summary>
/// Tells every instance that a session has ended (Redis pub/sub), so none keeps serving it from its <see cref="SessionReadCache"/>.
/// Subscribed at start; after a lost connection the cache is cleared, since messages sent meanwhile are gone. When a
/// connection fails the cache is off until the subscription is connected again: on a cluster the client moves
/// it to another node, and the failed node (whose return would clear the cache) may never come back.
/// </summary>
internal sealed class SessionEndedChannel(
    RedisConnection redis,
    SessionReadCache cache,
    IOptions<AuthOptions> options,
    ILogger<SessionEndedChannel> logger) : IHostedService
{
    private static readonly TimeSpan ResubscribedCheck = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private bool _deaf;

    /// <summary>
    /// Best effort, after the ending itself is stored: the others' caches forget the session within their lifetime anyway, and
    /// failing the logout would not publish it again (a retried logout finds no session).
    /// </summary>
    public async Task PublishAsync(string sessionId)
    {
        cache.Remove(sessionId);
        try
        {
            await redis.Subscriber.PublishAsync(RedisKeys.SessionEnded, sessionId);
        }
        catch (Exception ex) when (RedisFailure.Is(ex))
        {
            logger.SessionEndingNotPublished(ex.GetType().Name, SessionReadCache.Lifetime);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.UsesRedis)
        {
            return;
        }
        redis.ConnectionRestored += (_, _) => cache.Clear();
        // Any connection: with RESP3 the subscription shares the interactive one.
        redis.ConnectionFailed += (_, _) => GoDeaf();
        try
        {
            await redis.SubscribeAsync(RedisKeys.SessionEnded, (_, sessionId) => cache.Remove(sessionId.ToString()));
        }
        catch (Exception ex) when (RedisFailure.Is(ex))
        {
            // Redis is away at start: the subscription is made when it connects.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _stopping.CancelAsync();

    private void GoDeaf()
    {
        lock (_gate)
        {
            cache.TurnOff();
            if (_deaf)
            {
                return;
            }
            _deaf = true;
        }
        _ = ListenAgainAsync();
    }

    private bool IsSubscribed()
    {
        try
        {
            return redis.Subscriber.IsConnected(RedisKeys.SessionEnded);
        }
        catch (Exception ex) when (RedisFailure.Is(ex))
        {
            return false; // with Sentinel, no primary named yet
        }
    }

    /// <summary>Turns the cache on once the client holds the subscription on a connected server again.</summary>
    private async Task ListenAgainAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (IsSubscribed())
                {
                    _deaf = false;
                    cache.TurnOn();
                    return;
                }
            }
            try
            {
                await Task.Delay(ResubscribedCheck, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
