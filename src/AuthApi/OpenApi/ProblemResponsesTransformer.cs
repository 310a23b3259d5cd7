using System.Globalization;
using AuthApi.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>
/// Describes each error response by the <c>errorCode</c> values the endpoint declares, with one example body per code,
/// and the <c>Retry-After</c> header where the endpoint declares one.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // One response per status, whose codes may be declared in several calls, each with its own example.
        foreach (var declaredForStatus in metadata.OfType<ErrorCodesMetadata>().GroupBy(declared => declared.StatusCode))
        {
            var status = declaredForStatus.Key.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses is null
                || !operation.Responses.TryGetValue(status, out var entry)
                || entry is not OpenApiResponse { Content: { } contents } response
                || !contents.TryGetValue(ProblemJson, out var content))
            {
                continue;
            }

            var problems = declaredForStatus
                .SelectMany(declared => declared.ErrorCodes.Select(code => (Code: code, Problem: ProblemExamples.For(code, declared.Example))))
                .ToList();
            response.Description = string.Join("; ", problems.Select(p => $"{p.Code}: {p.Problem.Title}")) + ".";
            if (problems is [var single])
            {
                content.Example = ExampleJson.From(single.Problem, context.ApplicationServices);
            }
            else
            {
                content.Examples = problems.ToDictionary(
                    p => p.Code,
                    p => (IOpenApiExample)new OpenApiExample { Summary = p.Problem.Title, Value = ExampleJson.From(p.Problem, context.ApplicationServices) },
                    StringComparer.Ordinal);
            }

            if (metadata.OfType<RetryAfterMetadata>().FirstOrDefault(retry => retry.StatusCode == declaredForStatus.Key) is { } retryAfter)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                response.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    Example = retryAfter.TypicalSeconds,
                };
            }
        }
        return Task.CompletedTask;
    }
}
