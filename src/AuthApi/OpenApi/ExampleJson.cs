using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AuthApi.OpenApi;

/// <summary>Turns sample objects into example JSON with the serializer settings the endpoints answer with.</summary>
internal static class ExampleJson
{
    public static JsonNode? From(object value, IServiceProvider services) =>
        JsonSerializer.SerializeToNode(value, value.GetType(), services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
}
