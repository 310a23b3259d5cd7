namespace AuthApi.Tests.Options;

/// <summary>An http metadata URL on loopback passes the startup checks, so discovery must then accept it too.</summary>
public sealed class LoopbackMetadataUrlTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task HttpMetadataUrlOnLoopbackAddressIsUsableForLogin(string loopbackHost)
    {
        var key = $"Auth:Providers:{AuthApiFactory.ProviderName}:ServerMetadataUrl";
        await using var app = new TestApp(
            settings => settings[key] = OnHost(settings[key]!, loopbackHost),
            metadata => metadata["issuer"] = OnHost((string)metadata["issuer"], loopbackHost));
        var browser = app.CreateBrowser();

        var response = await browser.GetAsync("/login");

        Assert.True(
            response.StatusCode == HttpStatusCode.Redirect,
            $"/login answered {(int)response.StatusCode}; log: {string.Join(" | ", app.Factory.Logs.Lines.Where(line => line.Contains("Discovery", StringComparison.Ordinal)))}");
        Assert.StartsWith(app.Provider.Issuer + "/authorize?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    /// <summary>The test provider's URL with <c>localhost</c> replaced by a loopback address (it listens on both).</summary>
    private static string OnHost(string url, string host) => url.Replace("//localhost:", $"//{host}:", StringComparison.Ordinal);
}
