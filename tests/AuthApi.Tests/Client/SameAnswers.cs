using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace AuthApi.Tests.Client;

/// <summary>Compares what the client returned with what the endpoint itself answers, as JSON.</summary>
public static class SameAnswers
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A plain HTTP client sharing the cookie jar, to read the endpoints' raw JSON.</summary>
    public static HttpClient RawClient(TestApp app, CookieContainer cookies) =>
        app.Factory.CreateDefaultClient(ClientUnderTest.BaseAddress, new CookieContainerHandler(cookies));

    /// <summary>The record, serialized as the service serializes it, equals the raw answer.</summary>
    public static void Equal(JsonNode? raw, object? fromClient)
    {
        var serialized = JsonSerializer.SerializeToNode(fromClient, Web);
        Assert.True(JsonNode.DeepEquals(raw, serialized), $"The endpoint answered\n{raw}\nbut the client returned\n{serialized}");
    }

    public static async Task<JsonNode?> GetJsonAsync(this HttpClient raw, string path)
    {
        var response = await raw.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }
}
