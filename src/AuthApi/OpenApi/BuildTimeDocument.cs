using System.Reflection;

namespace AuthApi.OpenApi;

/// <summary>
/// Build-time generation of <c>openapi/authapi.v1.json</c>: Microsoft.Extensions.ApiDescription.Server runs the
/// app inside GetDocument.Insider with no configuration, and startup refuses an empty <c>Auth</c> section.
/// The document does not depend on the configuration, so a placeholder one lets the app start; discovery is
/// lazy, so nothing is fetched.
/// </summary>
internal static class BuildTimeDocument
{
    public static bool IsGenerating =>
        Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static void AddPlaceholderConfiguration(this IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:RedirectUri"] = "http://localhost:8080/oauth2callback",
            ["Auth:Providers:example:ServerMetadataUrl"] = "https://id.example.com/.well-known/openid-configuration",
            ["Auth:Providers:example:ClientId"] = "authapi",
            ["Auth:Providers:example:ClientSecret"] = "placeholder",
            ["Auth:DataProtection:KeysPath"] = Path.Combine(Path.GetTempPath(), "authapi-getdocument-keys"),
        });
}
