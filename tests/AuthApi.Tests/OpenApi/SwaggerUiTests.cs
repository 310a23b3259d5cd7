namespace AuthApi.Tests.OpenApi;

public sealed class SwaggerUiTests
{
    [Fact]
    public async Task SwaggerIndexIsAnHtmlPage()
    {
        await using var app = new TestApp();

        var response = await app.CreateBrowser().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwaggerUiReadsTheServedDocument()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        // Swashbuckle 11 writes the UI's configuration (the document URLs) into index.js, which index.html loads.
        var page = await browser.GetStringAsync("/swagger/index.html");
        var script = await browser.GetAsync("/swagger/index.js");

        Assert.Contains("index.js", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("\"url\":\"/openapi/v1.json\"", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
