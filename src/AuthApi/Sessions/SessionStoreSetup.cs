using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.Extensions.Options;

namespace AuthApi.Sessions;

/// <summary>Registers the session store <c>Auth:Session:Store</c> names and the Redis services behind <c>Auth:Redis</c>.</summary>
internal static class SessionStoreSetup
{
    public static IServiceCollection AddSessionStore(this IServiceCollection services)
    {
        // Redis is connected on first use (at start, by the channel's subscription) and never when Auth:Redis is empty.
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<SessionReadCache>();
        services.AddSingleton<SessionEndedChannel>();
        services.AddHostedService(provider => provider.GetRequiredService<SessionEndedChannel>());
        services.AddSingleton<EndedSessions>();
        services.AddSingleton<RefreshLock>();
        services.AddSingleton<SessionIndex>();
        // The active sessions gauge of the Redis store: its index is kept whatever the metrics settings, so turning them on counts right away.
        services.AddSingleton<ActiveSessionIndex>();
        services.AddHostedService(provider => provider.GetRequiredService<ActiveSessionIndex>());

        services.AddSingleton<CookieSessionStore>();
        services.AddSingleton<RedisSessionStore>();
        services.AddSingleton<ISessionStore>(provider =>
            provider.GetRequiredService<IOptions<AuthOptions>>().Value.Session.Store == SessionStoreKind.Redis
                ? provider.GetRequiredService<RedisSessionStore>()
                : provider.GetRequiredService<CookieSessionStore>());
        return services;
    }
}
