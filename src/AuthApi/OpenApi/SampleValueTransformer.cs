using System.Reflection;
using System.Text.Json.Nodes;
using AuthApi.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>Writes each parameter's <see cref="SampleValueAttribute"/> as its example and its schema's default.</summary>
internal sealed class SampleValueTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var described in context.Description.ParameterDescriptions)
        {
            if (described.ParameterDescriptor is IParameterInfoParameterDescriptor { ParameterInfo: { } info }
                && info.GetCustomAttribute<SampleValueAttribute>() is { } sample
                && operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(parameter => parameter.Name == described.Name) is { } parameter)
            {
                parameter.Example = JsonValue.Create(sample.Value);
                if (parameter.Schema is OpenApiSchema schema)
                {
                    schema.Default = JsonValue.Create(sample.Value);
                }
            }
        }
        return Task.CompletedTask;
    }
}
