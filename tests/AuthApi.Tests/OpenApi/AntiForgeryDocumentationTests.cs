using System.Text.Json.Nodes;

namespace AuthApi.Tests.OpenApi;

public sealed class AntiForgeryDocumentationTests
{
    [Fact]
    public async Task PostLogoutDeclaresTheRequiredCsrfHeader()
    {
        var document = await ServedDocument.FetchAsync();

        var header = CsrfHeader(ServedDocument.Operation(document, "POST", "/logout"));

        Assert.NotNull(header);
        Assert.True((bool?)header["required"]);
        Assert.Equal("string", (string?)header["schema"]!["type"]);
        Assert.Equal(["1"], header["schema"]!["enum"]!.AsArray().Select(value => (string?)value));
    }

    [Fact]
    public async Task PostLogoutDocumentsTheMissingHeaderProblem()
    {
        var document = await ServedDocument.FetchAsync();

        var forbidden = ServedDocument.Operation(document, "POST", "/logout")["responses"]!["403"];

        Assert.Equal("csrf_header_missing", (string?)forbidden?["content"]?["application/problem+json"]?["example"]?["errorCode"]);
    }

    [Fact]
    public async Task ReadOnlyOperationsDoNotAskForTheCsrfHeader()
    {
        var document = await ServedDocument.FetchAsync();

        Assert.All(ServedDocument.Operations(document).Where(operation => operation.Name.StartsWith("GET ", StringComparison.Ordinal)), operation =>
            Assert.True(CsrfHeader(operation.Operation) is null, $"{operation.Name} asks for X-CSRF"));
    }

    private static JsonNode? CsrfHeader(JsonObject operation) =>
        operation["parameters"]?.AsArray().SingleOrDefault(parameter => (string?)parameter!["name"] == "X-CSRF" && (string?)parameter["in"] == "header");
}
