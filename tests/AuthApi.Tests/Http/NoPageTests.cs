namespace AuthApi.Tests.Http;

/// <summary>AuthApi is an API: the demo page belongs to the development provider that hosts it, in no environment to the service.</summary>
public sealed class NoPageTests
{
    [Theory]
    [InlineData("Development", "/")]
    [InlineData("Development", "/demo.js")]
    [InlineData(AuthApiFactory.TestingEnvironment, "/")]
    [InlineData(AuthApiFactory.TestingEnvironment, "/demo.js")]
    [InlineData("Production", "/")]
    [InlineData("Production", "/demo.js")]
    public async Task TheServiceItselfServesNoPage(string environment, string path)
    {
        await using var app = new TestApp(environment: environment);

        var response = await app.CreateBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
