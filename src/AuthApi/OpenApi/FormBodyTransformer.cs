using AuthApi.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>
/// Describes the form body an endpoint declares with <see cref="FormBodies.DocumentsFormBody"/>. Such endpoints read their form
/// themselves: form binding would add accepts metadata, and routing would then answer other content types with a bare 415.
/// </summary>
internal sealed class FormBodyTransformer : IOpenApiOperationTransformer
{
    private const string FormUrlEncoded = "application/x-www-form-urlencoded";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<FormBodyMetadata>().FirstOrDefault() is not { } form)
        {
            return;
        }
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [FormUrlEncoded] = new() { Schema = await context.GetOrCreateSchemaAsync(form.Fields, cancellationToken: cancellationToken) },
            },
        };
    }
}
