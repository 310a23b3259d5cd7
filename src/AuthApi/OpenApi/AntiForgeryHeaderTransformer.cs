using System.Text.Json.Nodes;
using AuthApi.Contracts;
using AuthApi.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>Adds the required anti-forgery header parameter (<c>X-CSRF: 1</c>) to the endpoints the anti-forgery filter guards.</summary>
internal sealed class AntiForgeryHeaderTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<AntiForgeryHeaderRequired>().Any())
        {
            return Task.CompletedTask;
        }
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = AntiForgeryHeader.Name,
            In = ParameterLocation.Header,
            Required = true,
            Description = "Anti-forgery: a custom header cannot be sent cross-site without a CORS preflight. Without it: 403 csrf_header_missing.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(AntiForgeryHeader.Value)] },
            Example = JsonValue.Create(AntiForgeryHeader.Value),
        });
        return Task.CompletedTask;
    }
}
