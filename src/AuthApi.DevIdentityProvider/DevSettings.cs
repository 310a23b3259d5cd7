using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace AuthApi.DevIdentityProvider;

internal static class DevSettings
{
    public const string FileName = "devidentityprovider.json";
    public const string DefaultUrl = "http://localhost:5001";

    /// <summary>Adds the settings file beneath every other source, and listens on <see cref="DefaultUrl"/> unless told otherwise.</summary>
    public static WebApplicationBuilder AddDevSettings(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = FileName,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Optional = false,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        return builder;
    }
}
