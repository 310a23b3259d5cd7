using AuthApi;
using AuthApi.DevIdentityProvider.Demo;

namespace AuthApi.DevIdentityProvider;

/// <summary>AuthApi in this process, configured for this provider, in the Development environment, serving the demo page.</summary>
internal static class AuthApiBeside
{
    /// <summary>AuthApi at <see cref="DevIdentityProviderOptions.AuthApiUrl"/>; null (after printing why) when its configuration is invalid.</summary>
    public static WebApplication? Build(WebApplication provider, DevIdentityProviderOptions options)
    {
        var providerUrl = provider.Configuration["urls"]?.Split(';')[0] ?? DevSettings.DefaultUrl;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ApplicationName = typeof(AuthApiServices).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.AuthApiUrl);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Auth:RedirectUri"] = options.AuthApiUrl.TrimEnd('/') + "/oauth2callback",
            ["Auth:Providers:dev:DisplayName"] = "Development provider",
            ["Auth:Providers:dev:ServerMetadataUrl"] = providerUrl.TrimEnd('/') + "/.well-known/openid-configuration",
            ["Auth:Providers:dev:ClientId"] = options.ClientId,
            ["Auth:Providers:dev:ClientSecret"] = options.ClientSecret,
            ["Auth:Providers:dev:Scope"] = "openid profile email offline_access",
            ["Auth:ExposeTokens"] = "id,access",
            ["Auth:Session:IdleTimeout"] = "00:30:00",
            ["Auth:DataProtection:KeysPath"] = Path.Combine(AppContext.BaseDirectory, "authapi-keys"),
        });
        // Settings given to this process under "AuthApi" (e.g. AuthApi__Auth__Session__IdleTimeout) win.
        builder.Configuration.AddConfiguration(provider.Configuration.GetSection("AuthApi"));
        var authApi = builder.BuildAuthApi();
        authApi?.MapDemoPage();
        return authApi;
    }
}
