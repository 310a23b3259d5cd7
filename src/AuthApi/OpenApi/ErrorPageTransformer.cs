using System.Globalization;
using System.Text.Json.Nodes;
using AuthApi.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>
/// Declares the HTML page beside the Problem Details of the endpoints a browser navigates to
/// (<see cref="BrowserErrorPage.AnswersNavigationsWithErrorPage"/>): what a request preferring <c>text/html</c> gets.
/// </summary>
internal sealed class ErrorPageTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<NavigationEndpoint>().Any())
        {
            return Task.CompletedTask;
        }
        foreach (var declared in metadata.OfType<ErrorCodesMetadata>())
        {
            if (operation.Responses?.GetValueOrDefault(declared.StatusCode.ToString(CultureInfo.InvariantCulture)) is OpenApiResponse { Content: { } contents })
            {
                contents["text/html"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = JsonValue.Create(ErrorPageHtml.Render(ProblemExamples.For(declared.ErrorCodes[0], declared.Example))),
                };
            }
        }
        return Task.CompletedTask;
    }
}
