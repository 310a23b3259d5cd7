using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.Extensions.Options;

namespace AuthApi.Sessions;

/// <summary>
/// IDs of cookie sessions ended by a logout or a refused refresh, each remembered until the session would have expired
/// anyway: a copy of the cookies taken before the logout must read as anonymous afterwards. With <c>Auth:Redis</c> the list
/// is shared, so a logout on one instance ends the session on all; a live answer is cached briefly per instance.
/// </summary>
internal sealed class EndedSessions(
    RedisConnection redis,
    SessionReadCache cache,
    SessionEndedChannel channel,
    IOptions<AuthOptions> options,
    TimeProvider time)
{
    private static readonly object Live = new();

    private readonly ExpiringSet _ended = new(time);

    public async ValueTask EndAsync(UserSession session)
    {
        _ended.TryAdd(session.Id, session.ExpiresAt);
        if (options.Value.UsesRedis)
        {
            await redis.Database.StringSetAsync(RedisKeys.Ended(session.Id), 1, RedisExpiry.Until(session.ExpiresAt, time));
            await channel.PublishAsync(session.Id);
        }
    }

    public async ValueTask<bool> IsEndedAsync(UserSession session)
    {
        if (_ended.Contains(session.Id))
        {
            return true;
        }
        if (!options.Value.UsesRedis || cache.Get<object>(session.Id) is not null)
        {
            return false;
        }
        if (await redis.Database.KeyExistsAsync(RedisKeys.Ended(session.Id)))
        {
            _ended.TryAdd(session.Id, session.ExpiresAt);
            return true;
        }
        cache.Set(session.Id, Live);
        return false;
    }
}
