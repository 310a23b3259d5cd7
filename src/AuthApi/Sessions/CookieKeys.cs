using AuthApi.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace AuthApi.Sessions;

/// <summary>The Data Protection keys every cookie is encrypted with.</summary>
internal static class CookieKeys
{
    /// <summary>Keys persisted to <c>Auth:DataProtection:KeysPath</c> (default <c>keys</c> under the content root), so a restart logs nobody out.</summary>
    public static IServiceCollection AddCookieKeys(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("AuthApi");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<AuthOptions>, IHostEnvironment, ILoggerFactory>((keys, auth, environment, loggers) =>
                keys.XmlRepository = new FileSystemXmlRepository(KeysDirectory(auth.Value, environment), loggers));
        return services;
    }

    private static DirectoryInfo KeysDirectory(AuthOptions auth, IHostEnvironment environment) =>
        new(auth.DataProtection.KeysPath is { Length: > 0 } path
            ? Path.GetFullPath(path, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "keys"));
}
