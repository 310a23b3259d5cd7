namespace AuthApi.Tests.Sessions;

public sealed class KeyPersistenceTests : IDisposable
{
    private readonly string _keysPath = Path.Combine(Path.GetTempPath(), "authapi-tests-keys", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ARestartedServiceReadsTheSessionsOfTheOneBefore()
    {
        string cookieHeader;
        await using (var before = new TestApp(settings => settings["Auth:DataProtection:KeysPath"] = _keysPath))
        {
            var browser = before.CreateBrowser(out var cookies);
            await before.LoginAsync(browser);
            cookieHeader = cookies.GetCookieHeader(new Uri("http://localhost"));
        }

        await using var after = new TestApp(settings => settings["Auth:DataProtection:KeysPath"] = _keysPath);
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", cookieHeader);
        var me = await (await after.CreateBareClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.NotEmpty(Directory.GetFiles(_keysPath, "key-*.xml"));
    }

    [Fact]
    public async Task AServiceWithOtherKeysReadsNoSession()
    {
        string cookieHeader;
        await using (var before = new TestApp(settings => settings["Auth:DataProtection:KeysPath"] = _keysPath))
        {
            var browser = before.CreateBrowser(out var cookies);
            await before.LoginAsync(browser);
            cookieHeader = cookies.GetCookieHeader(new Uri("http://localhost"));
        }

        await using var other = new TestApp();
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", cookieHeader);
        var me = await (await other.CreateBareClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
    }

    public void Dispose()
    {
        if (Directory.Exists(_keysPath))
        {
            Directory.Delete(_keysPath, recursive: true);
        }
    }
}
