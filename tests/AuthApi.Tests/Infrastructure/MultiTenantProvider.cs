namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// A multi-tenant provider, as Entra ID's <c>common</c> endpoint is: metadata served at <c>{issuer}/common/v2.0</c> whose issuer
/// is the template <c>{issuer}/{tenantid}/v2.0</c>, and ID tokens each carrying their tenant's issuer and <c>tid</c>.
/// </summary>
public static class MultiTenantProvider
{
    public const string AuthorityPath = "/common/v2.0";
    private const string MetadataUrlKey = "Auth:Providers:test:ServerMetadataUrl";

    /// <summary>An app whose provider is multi-tenant, allowing <paramref name="allowedTenant"/> (none: the provider is not ready).</summary>
    public static TestApp CreateApp(
        string? allowedTenant = null,
        Func<string, string>? template = null,
        Action<Dictionary<string, string?>>? configure = null)
    {
        var app = new TestApp(
            settings =>
            {
                settings[MetadataUrlKey] = settings[MetadataUrlKey]!.Replace("/.well-known", AuthorityPath + "/.well-known", StringComparison.Ordinal);
                if (allowedTenant is not null)
                {
                    settings["Auth:Providers:test:AllowedTenants:0"] = allowedTenant;
                }
                configure?.Invoke(settings);
            },
            changeMetadata: metadata => metadata["issuer"] = (template ?? (issuer => issuer + "/{tenantid}/v2.0"))((string)metadata["issuer"]));
        app.Provider.ServeMetadataAt(AuthorityPath);
        return app;
    }

    public static string Template(TestApp app) => app.Provider.Issuer + "/{tenantid}/v2.0";

    /// <summary>The issuer of one tenant: the template filled with it.</summary>
    public static string IssuerOf(TestApp app, string tenant) => Template(app).Replace("{tenantid}", tenant, StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="grant"/> (by default the test user's) with an ID token of <paramref name="tenant"/> whose iss names
    /// <paramref name="issuerTenant"/> (by default the same tenant).
    /// </summary>
    public static Grant TokenOf(TestApp app, string? tenant, string? issuerTenant = null, Grant? grant = null) => (grant ?? new Grant()) with
    {
        ChangeIdToken = payload =>
        {
            payload["iss"] = IssuerOf(app, (issuerTenant ?? tenant)!);
            if (tenant is not null)
            {
                payload["tid"] = tenant;
            }
        },
    };
}
