using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Sessions;

/// <summary>
/// Tells every instance that a session has ended (Redis pub/sub), so none keeps serving it from its <see cref="SessionReadCache"/>.
/// Subscribed at start; after a lost connection the cache is cleared, since messages sent meanwhile are gone.
/// </summary>
internal sealed class SessionEndedChannel(RedisConnection redis, SessionReadCache cache, IOptions<AuthOptions> options) : IHostedService
{
    public async Task PublishAsync(string sessionId)
    {
        cache.Remove(sessionId);
        await redis.Subscriber.PublishAsync(RedisKeys.SessionEnded, sessionId);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.UsesRedis)
        {
            return;
        }
        redis.ConnectionRestored += (_, _) => cache.Clear();
        try
        {
            await redis.SubscribeAsync(RedisKeys.SessionEnded, (_, sessionId) => cache.Remove(sessionId.ToString()));
        }
        catch (Exception ex) when (RedisFailure.Is(ex))
        {
            // Redis is away at start: the subscription is made when it connects.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
