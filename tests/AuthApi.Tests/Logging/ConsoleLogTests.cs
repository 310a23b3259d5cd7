using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;

namespace AuthApi.Tests.Logging;

/// <summary>
/// The operator's exact configuration from the field: the service run as a process with the console logger's own
/// level at Information (<c>Logging__Console__LogLevel__Default</c>), which beats every category filter set in code.
/// </summary>
public sealed class ConsoleLogTests : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("authapi-console-").FullName;

    [Fact]
    public async Task AConsoleLevelOfInformationLogsNeitherTheCodeNorTheNonceNorTheIdTokenHint()
    {
        using var provider = new TestProvider(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        await using var service = ServiceProcess.Start(_workDirectory, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = baseAddress.ToString(),
            ["Logging__Console__LogLevel__Default"] = "Information",
            ["Auth__RedirectUri"] = new Uri(baseAddress, "/oauth2callback").ToString(),
            ["Auth__ServerMetadataUrl"] = provider.MetadataUrl,
            ["Auth__ClientId"] = TestProvider.ClientId,
            ["Auth__ClientSecret"] = TestProvider.ClientSecret,
        });
        await service.WaitUntilReadyAsync(baseAddress);
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

        var authorizationUrl = (await browser.GetAsync("/login")).Headers.Location!;
        var code = provider.IssueCode(authorizationUrl, new Grant());
        var callback = await browser.GetAsync($"/oauth2callback?code={code}&state={authorizationUrl.Query()["state"]}");
        var logoutLink = (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("logoutUrl").GetString()!;
        var logout = await browser.GetAsync(logoutLink);
        var idTokenHint = logout.Headers.Location!.Query()["id_token_hint"];
        await service.StopAsync();

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        var output = string.Join('\n', service.OutputLines);
        Assert.Contains("GET /oauth2callback answered 302", output, StringComparison.Ordinal);
        Assert.DoesNotContain(code, output, StringComparison.Ordinal);
        Assert.DoesNotContain(authorizationUrl.Query()["nonce"], output, StringComparison.Ordinal);
        Assert.DoesNotContain(idTokenHint, output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
