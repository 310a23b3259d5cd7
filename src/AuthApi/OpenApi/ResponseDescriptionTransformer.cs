using System.Globalization;
using AuthApi.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>
/// Describes success and redirect responses as their endpoints declare (<see cref="ResponseDescriptions.WithResponseDescription"/>),
/// with example bodies and the <c>Location</c> header of a 302.
/// </summary>
internal sealed class ResponseDescriptionTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<ResponseDescription>().ToList();
        foreach (var (status, entry) in operation.Responses ?? [])
        {
            if (entry is not OpenApiResponse response
                || !int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                || declared.Find(description => description.StatusCode == code) is not { } documented)
            {
                continue;
            }

            response.Description = documented.Description;
            if (code == StatusCodes.Status302Found)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                response.Headers["Location"] = new OpenApiHeader
                {
                    Description = "Where the browser goes next.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                };
            }

            foreach (var content in response.Content?.Values ?? [])
            {
                if (documented.Examples is [var single])
                {
                    content.Example = ExampleJson.From(single.Body, context.ApplicationServices);
                }
                else if (documented.Examples.Count > 1)
                {
                    content.Examples = documented.Examples.ToDictionary(
                        example => example.Name,
                        example => (IOpenApiExample)new OpenApiExample { Value = ExampleJson.From(example.Body, context.ApplicationServices) },
                        StringComparer.Ordinal);
                }
            }
        }
        return Task.CompletedTask;
    }
}
