using AuthApi.Options;

namespace AuthApi;

/// <summary>AuthApi's startup, shared by <c>Program.cs</c> and every host that runs AuthApi (the development provider).</summary>
public static class AuthApiApplication
{
    /// <summary>
    /// Registers AuthApi's services, builds the app, checks the configuration and maps the pipeline and endpoints.
    /// Null when the configuration is invalid: each problem is then printed on its own line to standard error.
    /// </summary>
    public static WebApplication? BuildAuthApi(this WebApplicationBuilder builder)
    {
        builder.AddAuthApi();
        var app = builder.Build();
        if (!app.Services.HasValidAuthConfiguration())
        {
            return null;
        }
        return app.MapAuthApi();
    }
}
