namespace AuthApi.Tests.OpenApi;

/// <summary><c>/swagger</c>: served in Development or when <c>Auth:OpenApi:SwaggerUi</c> asks for it, never by default in production.</summary>
public sealed class SwaggerUiTests
{
    [Fact]
    public async Task SwaggerUiIsNotServedOutsideDevelopmentByDefault()
    {
        await using var app = new TestApp();

        var page = await app.CreateBrowser().GetAsync("/swagger/index.html");
        var document = await app.CreateBrowser().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task SwaggerUiIsServedInDevelopment()
    {
        await using var app = new TestApp(environment: "Development");

        var page = await app.CreateBrowser().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task SwaggerUiCanBeTurnedOffInDevelopment()
    {
        await using var app = new TestApp(settings => settings["Auth:OpenApi:SwaggerUi"] = "false", environment: "Development");

        var page = await app.CreateBrowser().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task SwaggerIndexIsAnHtmlPage()
    {
        await using var app = SwaggerApp();

        var response = await app.CreateBrowser().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwaggerUiReadsTheServedDocument()
    {
        await using var app = SwaggerApp();
        var browser = app.CreateBrowser();

        // Swashbuckle 11 writes the UI's configuration (the document URLs) into index.js, which index.html loads.
        var page = await browser.GetStringAsync("/swagger/index.html");
        var script = await browser.GetAsync("/swagger/index.js");

        Assert.Contains("index.js", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("\"url\":\"/openapi/v1.json\"", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static TestApp SwaggerApp() => new(settings => settings["Auth:OpenApi:SwaggerUi"] = "true");
}
