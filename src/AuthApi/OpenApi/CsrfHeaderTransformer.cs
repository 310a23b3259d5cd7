using System.Text.Json.Nodes;
using AuthApi.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>Adds the required <c>X-CSRF: 1</c> header parameter to the endpoints the anti-forgery filter guards.</summary>
internal sealed class CsrfHeaderTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<CsrfHeaderRequired>().Any())
        {
            return Task.CompletedTask;
        }
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = CsrfHeaderFilter.HeaderName,
            In = ParameterLocation.Header,
            Required = true,
            Description = "Anti-forgery: a custom header cannot be sent cross-site without a CORS preflight. Without it: 403 csrf_header_missing.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("1")] },
            Example = JsonValue.Create("1"),
        });
        return Task.CompletedTask;
    }
}
