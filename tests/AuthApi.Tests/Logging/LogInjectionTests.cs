using System.Net.Sockets;
using System.Text;
using AuthApi.Tests.Proxy;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuthApi.Tests.Logging;

/// <summary>
/// A request, a provider or an upstream cannot forge a log line: control characters in what it sends (a CR or LF in a path,
/// an escape sequence in an error code, a line separator or a bidi override) reach the log escaped, so a terminal or a
/// line-based collector never sees the line end, or the text turn, where the sender wanted it to. One test per logger.
/// </summary>
public sealed class LogInjectionTests
{
    private const string ForgedPath = "/x%0Dfail:%20AuthApi.Forged[666]%20GET%20/%0Ainfo:%20forged";

    [Fact]
    public async Task AControlCharacterInThePathIsEscapedInTheRequestLog()
    {
        await using var app = new TestApp(settings => settings["Logging:Collector:LogLevel:Default"] = "Information");

        await app.CreateBareClient().GetAsync(ForgedPath);

        var line = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("AuthApi.Forged", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\n', line);
        Assert.Contains("/x\\u000Dfail: AuthApi.Forged[666] GET /\\u000Ainfo: forged answered 404", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AControlCharacterInARateLimitedPathIsEscaped()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:RateLimit:PermitsPerMinute"] = "1";
            settings["Logging:Collector:LogLevel:Default"] = "Debug";
        });
        var client = app.CreateBareClient();
        await client.GetAsync("/oauth2callback/x%0Dfail");

        await client.GetAsync("/oauth2callback/x%0Dfail");

        var line = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("Rate limited", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', line);
        Assert.Contains("/oauth2callback/x\\u000Dfail", line, StringComparison.Ordinal);
    }

    /// <summary>Ends a line for a terminal (CR, LF, NEL), for some viewers (U+2028), clears a terminal (ESC), or reorders text (U+202E).</summary>
    private const string Forgery = "x\r\nfail: AuthApi.Forged[666] \u0085\u001b[2J\u2028\u202Eevil";

    private const string EscapedForgery = "x\\u000D\\u000Afail: AuthApi.Forged[666] \\u0085\\u001B[2J\\u2028\\u202Eevil";

    /// <summary>What a JSON string may carry raw that still ends a line (NEL, U+2028) or reorders text (U+202E).</summary>
    private const string KeyIdForgery = "x\u0085fail: AuthApi.Forged[666]\u2028\u202Eevil";

    private const string EscapedKeyIdForgery = "x\\u0085fail: AuthApi.Forged[666]\\u2028\\u202Eevil";

    [Fact]
    public async Task ALineSeparatorOrBidiOverrideInThePathIsEscapedInTheRequestLog()
    {
        await using var app = new TestApp(settings => settings["Logging:Collector:LogLevel:Default"] = "Information");

        await app.CreateBareClient().GetAsync("/x%E2%80%A8info:%20AuthApi.Forged[666]%E2%80%AEdesrever");

        var line = ForgedLine(app);
        Assert.Contains("/x\\u2028info: AuthApi.Forged[666]\\u202Edesrever answered 404", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALineSeparatorInARateLimitedPathIsEscaped()
    {
        await using var app = new TestApp(settings =>
        {
            settings["Auth:RateLimit:PermitsPerMinute"] = "1";
            settings["Logging:Collector:LogLevel:Default"] = "Debug";
        });
        var client = app.CreateBareClient();
        await client.GetAsync("/oauth2callback/x%E2%80%A8AuthApi.Forged");

        await client.GetAsync("/oauth2callback/x%E2%80%A8AuthApi.Forged");

        var line = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("Rate limited", StringComparison.Ordinal));
        Assert.DoesNotContain('\u2028', line);
        Assert.Contains("/oauth2callback/x\\u2028AuthApi.Forged", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorCodeFromTheTokenEndpointNeverReachesTheLoginLogRaw()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();

        await app.LoginAsync(browser, new Grant { TokenStatus = 400, RawTokenResponse = JsonSerializer.Serialize(new { error = Forgery, error_description = Forgery }) });

        var line = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("Login failed", StringComparison.Ordinal));
        AssertNoRawControl(line);
    }

    [Fact]
    public async Task AKeyIdInAnIdTokenIsEscapedInTheLoginLog()
    {
        await using var app = new TestApp();

        await app.LoginAsync(app.CreateBrowser(), new Grant { CreateIdToken = payload => WithForgedKeyId(payload) });

        var line = ForgedLine(app);
        Assert.Contains("Login failed with id_token_invalid", line, StringComparison.Ordinal);
        Assert.Contains(EscapedKeyIdForgery, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyIdInARefreshedIdTokenIsEscapedInTheTokenLog()
    {
        await using var app = new TestApp();
        app.Provider.IdTokenOnRefresh = true;
        var browser = app.CreateBrowser();
        // The login's ID token (with a nonce) is the provider's own; the refresh's (none) names a forged key.
        await app.LoginAsync(browser, new Grant
        {
            CreateIdToken = payload => payload.ContainsKey("nonce") ? app.Provider.CreateIdToken(payload, TestKeys.Current) : WithForgedKeyId(payload),
        });

        await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/me/tokens/refresh") { Headers = { { "X-CSRF", "1" } } });

        var line = ForgedLine(app);
        Assert.Contains("Refreshing a session's tokens at provider test failed", line, StringComparison.Ordinal);
        Assert.Contains(EscapedKeyIdForgery, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthenticationMethodInTheDiscoveryDocumentIsEscapedInTheProviderLog()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["token_endpoint_auth_methods_supported"] = new[] { Forgery });

        await app.LoginAsync(app.CreateBrowser());

        var line = ForgedLine(app);
        Assert.Contains("the client cannot authenticate", line, StringComparison.Ordinal);
        Assert.Contains(EscapedForgery, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevocationErrorIsEscapedInTheLogoutLog()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.Server.Given(Request.Create().WithPath("/revoke").UsingPost()).AtPriority(-2)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(new { error = Forgery })));

        await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/logout") { Headers = { { "X-CSRF", "1" } } });

        var line = ForgedLine(app);
        Assert.Contains("Revoking the refresh token at provider test failed", line, StringComparison.Ordinal);
        Assert.Contains(EscapedForgery, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIssuerInTheDiscoveryDocumentIsEscapedInTheProviderLog()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["issuer"] = "https://" + Forgery);

        await app.CreateBareClient().GetAsync("/readyz");

        var line = ForgedLine(app);
        Assert.Contains("Discovery for provider test failed", line, StringComparison.Ordinal);
        Assert.Contains(EscapedForgery, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpstreamCookieNameIsEscapedInTheProxyLog()
    {
        // Kestrel refuses to write a control character in a header, so the upstream answers over a bare socket.
        using var upstream = new TcpListener(IPAddress.Loopback, 0);
        upstream.Start();
        var answered = AnswerOnceAsync(upstream, "HTTP/1.1 200 OK\r\nSet-Cookie: authapi.x\u001b[2JAuthApi.Forged\u007f=planted; Path=/\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        await using var app = new TestApp(settings => settings.AddRoute("catalog", "/public/{**rest}", $"http://127.0.0.1:{((IPEndPoint)upstream.LocalEndpoint).Port}", token: "None"));

        await app.CreateBrowser().SendProxiedAsync("/public/items", csrf: false);
        await answered;

        var line = ForgedLine(app);
        Assert.Contains("the upstream set the cookie authapi.x\\u001B[2JAuthApi.Forged\\u007F,", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// The ID token signed by a key the provider never published, under a key ID that breaks lines: the library quotes a key
    /// ID it finds no key for in its message, unescaped (JSON lets NEL, U+2028 and U+202E stand raw in a string).
    /// </summary>
    private static string WithForgedKeyId(Dictionary<string, object> payload) =>
        LogoutTokens.SignAsIs("{\"alg\":\"RS256\",\"kid\":\"" + KeyIdForgery + "\",\"typ\":\"JWT\"}", JsonSerializer.Serialize(payload), TestKeys.Foreign);

    /// <summary>The one log line the forgery reached, with no raw character of it left.</summary>
    private static string ForgedLine(TestApp app)
    {
        var line = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("AuthApi.Forged", StringComparison.Ordinal));
        AssertNoRawControl(line);
        return line;
    }

    private static void AssertNoRawControl(string line) =>
        Assert.DoesNotContain(line, character => char.IsControl(character) || character is '\u2028' or '\u2029' or '\u202E');

    private static async Task AnswerOnceAsync(TcpListener listener, string response)
    {
        using var connection = await listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var buffer = new byte[8192];
        var received = "";
        while (!received.Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }
            received += Encoding.ASCII.GetString(buffer, 0, read);
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
    }
}
