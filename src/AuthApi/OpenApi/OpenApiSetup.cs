namespace AuthApi.OpenApi;

/// <summary>The OpenAPI document served at <c>/openapi/v1.json</c> and committed as <c>openapi/authapi.v1.json</c>.</summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddAuthApiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1");
}
