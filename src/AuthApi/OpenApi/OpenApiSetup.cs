using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>The OpenAPI document served at <c>/openapi/v1.json</c> and committed as <c>openapi/authapi.v1.json</c>.</summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddAuthApiOpenApi(this IServiceCollection services) =>
        services.AddHttpContextAccessor().AddOpenApi(DocumentName, options =>
        {
            // Postman and most importers read OpenAPI 3.0 fully; 3.1 support is still partial.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddSchemaTransformer<OmittedNullsSchemaTransformer>();
            options.AddSchemaTransformer<ProblemDetailsSchemaTransformer>();
            options.AddOperationTransformer<SessionCookieSecurityTransformer>();
            options.AddOperationTransformer<AntiForgeryHeaderTransformer>();
            options.AddOperationTransformer<ResponseDescriptionTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
            options.AddOperationTransformer<SampleValueTransformer>();
            options.AddOperationTransformer<FormBodyTransformer>();
            options.AddOperationTransformer<ErrorPageTransformer>();
        });
}
