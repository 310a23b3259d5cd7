using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>Describes success and redirect responses, with example bodies and the <c>Location</c> header of a 302.</summary>
internal sealed class SuccessResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, entry) in operation.Responses ?? [])
        {
            if (entry is not OpenApiResponse response
                || !int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                || SuccessResponses.For(operation.OperationId, code) is not { } documented)
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
                else if (documented.Examples.Length > 1)
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
