using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace AuthApi.Sessions;

/// <summary>The Data Protection keys every cookie is encrypted with.</summary>
internal static class CookieKeys
{
    /// <summary>
    /// Keys persisted so a restart logs nobody out: in Redis with <c>Auth:Redis</c>, so every instance reads every cookie, else to
    /// <c>Auth:DataProtection:KeysPath</c> (default <c>keys</c> under the content root).
    /// </summary>
    public static IServiceCollection AddCookieKeys(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("AuthApi");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<AuthOptions>, IHostEnvironment, ILoggerFactory, IServiceProvider>((keys, auth, environment, loggers, provider) =>
                keys.XmlRepository = auth.Value.UsesRedis
                    ? new RedisXmlRepository(() => provider.GetRequiredService<RedisConnection>().Database, RedisKeys.DataProtectionKeys)
                    : new FileSystemXmlRepository(KeysDirectory(auth.Value, environment), loggers));
        return services;
    }

    private static DirectoryInfo KeysDirectory(AuthOptions auth, IHostEnvironment environment) =>
        new(auth.DataProtection.KeysPath is { Length: > 0 } path
            ? Path.GetFullPath(path, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "keys"));
}
