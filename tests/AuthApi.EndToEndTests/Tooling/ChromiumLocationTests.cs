using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests.Tooling;

/// <summary>Contributors on any system find their browser: the variable first, then the usual locations.</summary>
public sealed class ChromiumLocationTests
{
    private const string MacChrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";

    [Fact]
    public void TheVariableWinsOverTheUsualLocations()
    {
        var found = ChromiumLocation.Find(Variable("/opt/browsers/chrome"), path => path is "/opt/browsers/chrome" or "/usr/bin/chromium");

        Assert.Equal("/opt/browsers/chrome", found);
    }

    [Fact]
    public void AVariableNamingNoFileIsAnErrorNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChromiumLocation.Find(Variable("/nowhere/chrome"), path => path == "/usr/bin/chromium"));

        Assert.Contains("/nowhere/chrome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheVariableAUsualLocationIsFoundSuchAsChromeOnMacOs()
    {
        var found = ChromiumLocation.Find(Variable(null), path => path == MacChrome);

        Assert.Equal(MacChrome, found);
    }

    [Fact]
    public void NoBrowserAnywhereIsAnErrorNamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChromiumLocation.Find(Variable(null), _ => false));

        Assert.Contains(ChromiumLocation.Variable, error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Variable(string? value) => name => name == ChromiumLocation.Variable ? value : null;
}
