using System.Net.Sockets;
using System.Text;
using AuthApi.Contracts;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// The Redis store on a Redis that speaks only TLS, with a certificate from a private CA (<c>Auth:RedisTrustedCaPath</c>)
/// and an ACL user: everything works on two instances, and an instance that does not trust the CA or has a wrong password
/// answers 503 <c>session_store_unavailable</c>, never 500, and writes the password nowhere.
/// </summary>
public sealed class RedisTlsTests : IAsyncLifetime
{
    private TlsRedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await TlsRedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task OverTlsAsTheAclUserTwoInstancesLogInRefreshAndLogOutEverywhere()
    {
        await using var app = new TestApp(settings => UseRedis(settings, _redis.ConnectionString(), _redis.CaPath));
        var cookies = new CookieContainer();
        var laptop = TestApp.CreateBrowser(app.Factory, cookies);
        var b = app.AddInstance();
        var laptopOnB = TestApp.CreateBrowser(b, cookies);
        var phone = TestApp.CreateBrowser(b, new CookieContainer());
        await app.LoginAsync(laptop, new Grant { Subject = "ada" });
        await app.LoginAsync(phone, new Grant { Subject = "ada" });

        var me = await laptopOnB.GetFromJsonAsync<JsonElement>("/me");
        var refresh = await laptopOnB.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh"));
        var phoneWasLoggedIn = await phone.IsLoggedInAsync();
        var logout = await laptop.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout?everywhere=true"));

        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(1, app.Provider.RefreshGrants);
        Assert.True(phoneWasLoggedIn);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.False(await laptopOnB.IsLoggedInAsync());
        Assert.True(await Eventually.IsTrueAsync(async () => !await phone.IsLoggedInAsync()));
        Assert.DoesNotContain(app.Factory.Logs.Lines.Concat(b.Logs.Lines), line => line.Contains(_redis.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheReadmeAclRefusesAuthApiOnlyConfigGetWhichStackExchangeRedisDoesWithout()
    {
        await using var app = new TestApp(settings => UseRedis(settings, _redis.ConnectionString(), _redis.CaPath));
        var browser = app.CreateBrowser();

        await app.LoginAsync(browser);
        var refresh = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh"));
        var sessions = await browser.GetAsync("/me/sessions");
        var logout = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout?everywhere=true"));

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(["command config|get"], await _redis.RefusalsAsync());
    }

    [Fact]
    public async Task APlainConnectionIsRefusedByTheServer()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _redis.Port);
        var stream = client.GetStream();
        stream.ReadTimeout = 5000;

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {TlsRedisServer.User} {_redis.Password}\r\nPING\r\n"));
        var answer = new MemoryStream();
        var buffer = new byte[1024];
        int read;
        while ((read = await ReadOrClosedAsync(stream, buffer)) > 0)
        {
            answer.Write(buffer, 0, read);
        }

        Assert.DoesNotContain("+OK", Encoding.ASCII.GetString(answer.ToArray()), StringComparison.Ordinal);
        Assert.DoesNotContain("PONG", Encoding.ASCII.GetString(answer.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInstanceThatDoesNotTrustThePrivateCaAnswers503AndWritesThePasswordNowhere()
    {
        await using var app = new TestApp(settings => UseRedis(settings, _redis.ConnectionString(), _redis.CaPath));
        var cookies = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));
        await using var untrusting = Instance(app, _redis.ConnectionString(), caPath: null);

        await AssertSessionReadsAnswer503Async(untrusting, cookies, _redis.Password);

        Assert.Contains(untrusting.Logs.Lines, line => line.Contains("Auth:RedisTrustedCaPath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACaThatDidNotSignTheServersCertificateIsNotTrusted()
    {
        await using var app = new TestApp(settings => UseRedis(settings, _redis.ConnectionString(), _redis.CaPath));
        var cookies = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));
        using var otherCa = new TestCertificateAuthority("Another CA");
        var otherCaPath = Path.Combine(Path.GetDirectoryName(_redis.CaPath)!, "other-ca.pem"); // removed with the server's folder
        await File.WriteAllTextAsync(otherCaPath, otherCa.CertificatePem);
        await using var misled = Instance(app, _redis.ConnectionString(), otherCaPath);

        await AssertSessionReadsAnswer503Async(misled, cookies, _redis.Password);

        Assert.Contains(misled.Logs.Lines, line => line.Contains("RedisTrustedCaPath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnInstanceWithAWrongPasswordAnswers503AndWritesNeitherPasswordAnywhere()
    {
        await using var app = new TestApp(settings => UseRedis(settings, _redis.ConnectionString(), _redis.CaPath));
        var cookies = new CookieContainer();
        await app.LoginAsync(TestApp.CreateBrowser(app.Factory, cookies));
        var wrongPassword = $"wrong-{Guid.NewGuid():N}";
        await using var refused = Instance(app, _redis.ConnectionString(wrongPassword), _redis.CaPath);

        await AssertSessionReadsAnswer503Async(refused, cookies, wrongPassword);

        Assert.DoesNotContain(refused.Logs.Lines, line => line.Contains(_redis.Password, StringComparison.Ordinal));
        Assert.Contains(refused.Logs.Lines, line => line.Contains("refused the user and password", StringComparison.Ordinal));
    }

    /// <summary>
    /// A session that exists reads as 503 with Retry-After (not 500, not "logged out") on the misconfigured instance, whose
    /// <c>/readyz</c> names Redis unreachable, and whose logs and bodies hold <paramref name="password"/> nowhere.
    /// </summary>
    private static async Task AssertSessionReadsAnswer503Async(AuthApiFactory instance, CookieContainer cookies, string password)
    {
        var browser = TestApp.CreateBrowser(instance, cookies);

        var responses = new[]
        {
            await browser.GetAsync("/me"),
            await browser.GetAsync("/me/tokens"),
            await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh")),
        };
        var ready = await browser.GetAsync("/readyz");

        foreach (var response in responses)
        {
            await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.SessionStoreUnavailable);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            Assert.DoesNotContain(password, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var readiness = await ProblemAssert.IsAsync(ready, HttpStatusCode.ServiceUnavailable, ErrorCodes.SessionStoreUnavailable);
        Assert.Equal("unreachable", readiness.GetProperty("redis").GetString());
        Assert.DoesNotContain(password, readiness.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(instance.Logs.Lines, line => line.Contains(password, StringComparison.Ordinal));
    }

    /// <summary>Another instance beside <paramref name="app"/>'s (same provider and clock) with its own Redis settings.</summary>
    private static AuthApiFactory Instance(TestApp app, string redis, string? caPath)
    {
        var settings = AuthApiFactory.DefaultSettings(app.Provider);
        UseRedis(settings, redis, caPath);
        return new AuthApiFactory(app.Time, settings);
    }

    private static void UseRedis(Dictionary<string, string?> settings, string redis, string? caPath)
    {
        settings["Auth:Redis"] = redis;
        settings["Auth:RedisTrustedCaPath"] = caPath;
        settings["Auth:Session:Store"] = "Redis";
    }

    /// <summary>The bytes read, or 0 once the server has closed (or reset) the connection.</summary>
    private static async Task<int> ReadOrClosedAsync(NetworkStream stream, byte[] buffer)
    {
        try
        {
            return await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
