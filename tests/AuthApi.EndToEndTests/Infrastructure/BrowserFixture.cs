using Microsoft.Playwright;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>
/// An installed Chromium (see <see cref="ChromiumLocation"/>) driven by Playwright, headless, with no browser download;
/// one browser for all tests, a fresh context per test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = ChromiumLocation.Find(Environment.GetEnvironmentVariable, File.Exists);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // The sandbox needs a non-root user; the rest keep Chromium off the network it cannot reach here.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
