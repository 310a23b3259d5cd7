using AuthApi.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>
/// The Problem Details schema as the service writes it: RFC 9457 members plus the stable <c>errorCode</c> and the
/// <c>traceId</c>. The generated one lacks the extensions and types <c>status</c> as "integer or string".
/// </summary>
internal sealed class ProblemDetailsSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(ProblemDetails) || context.JsonPropertyInfo is not null)
        {
            return Task.CompletedTask;
        }
        schema.Type = JsonSchemaType.Object;
        schema.Description = "RFC 9457 Problem Details, always with a stable errorCode.";
        schema.Required = new HashSet<string>(StringComparer.Ordinal) { "title", "status", "errorCode" };
        schema.Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = Text("A URI reference identifying the kind of problem."),
            ["title"] = Text("Short, human-readable summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong with this request and how to fix it."),
            ["errorCode"] = Text($"Stable, machine-readable code in snake_case, e.g. {ErrorCodes.InvalidReturnUrl}."),
            ["traceId"] = Text("The request's trace ID, to find its log lines."),
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
