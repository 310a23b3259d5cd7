using System.Text.Json.Nodes;

namespace AuthApi.Tests.OpenApi;

/// <summary>The OpenAPI document as the service serves it, and ways to walk its operations.</summary>
public static class ServedDocument
{
    public const string Url = "/openapi/v1.json";

    private static readonly HashSet<string> HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static async Task<JsonNode> FetchAsync()
    {
        await using var app = new TestApp();
        var response = await app.CreateBrowser().GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Every operation, named like <c>POST /logout</c>.</summary>
    public static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where HttpMethods.Contains(method.Key)
        select ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject());

    public static JsonObject Operation(JsonNode document, string method, string path) =>
        document["paths"]?[path]?[method.ToLowerInvariant()]?.AsObject()
        ?? throw new Xunit.Sdk.XunitException($"The document has no {method} {path}.");

    /// <summary>Every response of every operation, named like <c>POST /logout 403</c>.</summary>
    public static IEnumerable<(string Name, string Status, JsonObject Response)> Responses(JsonNode document) =>
        from operation in Operations(document)
        from response in operation.Operation["responses"]!.AsObject()
        select ($"{operation.Name} {response.Key}", response.Key, response.Value!.AsObject());
}
