using System.Text.Json.Nodes;

namespace AuthApi.Tests.OpenApi;

public sealed class OperationDocumentationTests
{
    /// <summary>Answers whose body is empty by contract: Back-Channel Logout 1.0 §2.8 asks only for a 200.</summary>
    private static readonly HashSet<string> EmptyResponses = ["DELETE /me/sessions/{id} 204", "POST /backchannel-logout 200"];

    [Fact]
    public async Task EveryEndpointIsInTheDocument()
    {
        var document = await ServedDocument.FetchAsync();

        Assert.Equal(
            ["DELETE /me/sessions/{id}", "GET /healthz", "GET /login", "GET /logout", "GET /me", "GET /me/sessions", "GET /me/tokens", "GET /oauth2callback", "GET /oauth2callback/{provider}", "GET /providers", "GET /readyz", "POST /backchannel-logout", "POST /logout", "POST /me/tokens/refresh", "POST /oauth2callback", "POST /oauth2callback/{provider}"],
            ServedDocument.Operations(document).Select(operation => operation.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryOperationHasASummaryAndAnOperationId()
    {
        var document = await ServedDocument.FetchAsync();

        Assert.All(ServedDocument.Operations(document), operation =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)operation.Operation["summary"]), $"{operation.Name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation.Operation["operationId"]), $"{operation.Name} has no operationId");
        });
    }

    [Fact]
    public async Task EveryParameterHasADescriptionAndASampleToolsFillIn()
    {
        var document = await ServedDocument.FetchAsync();

        var parameters = ServedDocument.Operations(document)
            .SelectMany(operation => (operation.Operation["parameters"]?.AsArray() ?? []).Select(parameter => (operation.Name, Parameter: parameter!)))
            .ToList();

        Assert.NotEmpty(parameters);
        Assert.All(parameters, entry =>
        {
            var (operation, parameter) = entry;
            var name = $"{operation} {parameter["name"]}";
            Assert.False(string.IsNullOrWhiteSpace((string?)parameter["description"]), $"{name} has no description");
            Assert.True(parameter["example"] is not null, $"{name} has no example");
            if ((string?)parameter["in"] != "header")
            {
                // Postman's import fills a parameter from its schema's default, or sends a placeholder such as <string>.
                Assert.True(JsonNode.DeepEquals(parameter["example"], parameter["schema"]?["default"]), $"{name}: its schema's default differs from its example");
            }
            // Only what the service cannot do without is required: path segments and the anti-forgery header.
            Assert.Equal((string?)parameter["in"] is "path" || (string?)parameter["name"] == "X-CSRF", (bool?)parameter["required"] ?? false);
        });
    }

    [Fact]
    public async Task EveryFormFieldHasADescription()
    {
        var document = await ServedDocument.FetchAsync();

        var fields = ServedDocument.Operations(document)
            .Select(operation => (operation.Name, Schema: operation.Operation["requestBody"]?["content"]?["application/x-www-form-urlencoded"]?["schema"]))
            .Where(form => form.Schema is not null)
            .SelectMany(form => form.Schema!["properties"]!.AsObject().Select(field => (Name: $"{form.Name} {field.Key}", Field: field.Value!)))
            .ToList();

        Assert.Contains(fields, field => field.Name == "POST /backchannel-logout logout_token");
        Assert.All(fields, field => Assert.False(string.IsNullOrWhiteSpace((string?)field.Field["description"]), $"{field.Name} has no description"));
    }

    [Fact]
    public async Task EveryResponseHasItsOwnDescription()
    {
        var document = await ServedDocument.FetchAsync();

        // The generator's fallback is the bare reason phrase; each response should say what it means here.
        string[] reasonPhrases = ["OK", "Found", "Bad Request", "Unauthorized", "Forbidden", "Conflict", "Bad Gateway", "Service Unavailable"];
        Assert.All(ServedDocument.Responses(document), response =>
        {
            var description = (string?)response.Response["description"];
            Assert.False(string.IsNullOrWhiteSpace(description), $"{response.Name} has no description");
            Assert.DoesNotContain(description, reasonPhrases);
        });
    }

    [Fact]
    public async Task EveryResponseWithABodyHasASchemaAndAnExample()
    {
        var document = await ServedDocument.FetchAsync();

        Assert.All(ServedDocument.Responses(document).Where(response => response.Status != "302" && !EmptyResponses.Contains(response.Name)), response =>
        {
            var content = response.Response["content"]?.AsObject();
            Assert.True(content is { Count: > 0 }, $"{response.Name} has no content");
            Assert.All(content, media =>
            {
                Assert.True(media.Value!["schema"] is not null, $"{response.Name} {media.Key} has no schema");
                Assert.True(media.Value["example"] is not null || media.Value["examples"] is JsonObject { Count: > 0 }, $"{response.Name} {media.Key} has no example");
            });
        });
    }

    [Fact]
    public async Task EmptyResponsesDocumentNoBody()
    {
        var document = await ServedDocument.FetchAsync();

        var empty = ServedDocument.Responses(document).Where(response => EmptyResponses.Contains(response.Name)).ToList();

        Assert.Equal(EmptyResponses.Count, empty.Count);
        Assert.All(empty, response => Assert.Null(response.Response["content"]));
    }

    [Fact]
    public async Task ErrorResponsesAreProblemDetailsWithAnErrorCode()
    {
        var document = await ServedDocument.FetchAsync();

        var problemSchema = document["components"]!["schemas"]!["ProblemDetails"]!;
        Assert.Contains("errorCode", problemSchema["required"]!.AsArray().Select(name => (string?)name));
        Assert.Equal("integer", (string?)problemSchema["properties"]!["status"]!["type"]);
        Assert.All(ServedDocument.Responses(document).Where(response => response.Status.StartsWith('4') || response.Status.StartsWith('5')), response =>
        {
            var media = response.Response["content"]?["application/problem+json"];
            Assert.True(media is not null, $"{response.Name} is not application/problem+json");
            Assert.Equal("#/components/schemas/ProblemDetails", (string?)media["schema"]!["$ref"]);
            var examples = media["example"] is { } single ? [single] : media["examples"]!.AsObject().Select(example => example.Value!["value"]!).ToList();
            Assert.All(examples, example => Assert.Matches("^[a-z_]+$", (string?)example["errorCode"]));
        });
    }

    [Fact]
    public async Task RedirectsDocumentTheLocationHeader()
    {
        var document = await ServedDocument.FetchAsync();

        var redirects = ServedDocument.Responses(document).Where(response => response.Status == "302").ToList();
        Assert.Equal(6, redirects.Count);
        Assert.All(redirects, response =>
            Assert.True(response.Response["headers"]?["Location"]?["schema"] is not null, $"{response.Name} does not document Location"));
    }

    [Fact]
    public async Task ProviderUnavailableDocumentsRetryAfter()
    {
        var document = await ServedDocument.FetchAsync();

        var unavailable = ServedDocument.Responses(document).Where(response => response.Status == "503").ToList();
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, response =>
            Assert.True(response.Response["headers"]?["Retry-After"] is not null, $"{response.Name} does not document Retry-After"));
    }
}
