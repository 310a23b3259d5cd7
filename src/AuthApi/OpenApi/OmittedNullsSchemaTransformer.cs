using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>
/// A property marked <c>[JsonIgnore(Condition = WhenWritingNull)]</c> is left out rather than written as null,
/// so its schema is optional but not nullable (generated clients then get plain optional members).
/// </summary>
internal sealed class OmittedNullsSchemaTransformer : IOpenApiSchemaTransformer
{
    private const string NullablePropertyMarker = "x-is-nullable-property";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is not null || schema.Properties is not { } properties)
        {
            return Task.CompletedTask;
        }
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (IsOmittedWhenNull(property.AttributeProvider) && properties.TryGetValue(property.Name, out var propertySchema))
            {
                RemoveNull(propertySchema);
            }
        }
        return Task.CompletedTask;
    }

    private static bool IsOmittedWhenNull(System.Reflection.ICustomAttributeProvider? member) =>
        member?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true) is [JsonIgnoreAttribute { Condition: JsonIgnoreCondition.WhenWritingNull }];

    private static void RemoveNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }
        if (concrete.Type is { } type)
        {
            concrete.Type = type & ~JsonSchemaType.Null;
        }
        // The generator's own marker on a nullable property whose type is a component: it wraps the reference in oneOf [null, ...].
        concrete.Metadata?.Remove(NullablePropertyMarker);
    }
}
