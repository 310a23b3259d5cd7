namespace AuthApi.Tests.Logging;

/// <summary>
/// A request cannot forge a log line: control characters in what it sends (a CR or LF in its path) reach the log escaped,
/// so a terminal or a line-based collector never sees the line end where the request wanted it to.
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
}
