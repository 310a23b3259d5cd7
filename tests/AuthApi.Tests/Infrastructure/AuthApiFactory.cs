using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AuthApi.Tests.Infrastructure;

/// <summary>The service in memory, configured with one provider ("test") played by a <see cref="TestProvider"/>.</summary>
/// <param name="environment">The host environment; "Development" maps the demo page.</param>
public sealed class AuthApiFactory(FakeTimeProvider time, IReadOnlyDictionary<string, string?> settings, string environment = AuthApiFactory.TestingEnvironment)
    : WebApplicationFactory<Program>
{
    public const string TestingEnvironment = "Testing";
    public const string ProviderName = "test";
    public const string RedirectUri = "http://localhost/oauth2callback";
    public const string AllowedOrigin = "https://app.example.com";

    private readonly string _keysPath = Path.Combine(Path.GetTempPath(), "authapi-tests-keys", Guid.NewGuid().ToString("N"));

    public LogCollector Logs { get; } = new();

    public static Dictionary<string, string?> DefaultSettings(TestProvider provider) => new()
    {
        ["Auth:RedirectUri"] = RedirectUri,
        [$"Auth:Providers:{ProviderName}:ServerMetadataUrl"] = provider.MetadataUrl,
        [$"Auth:Providers:{ProviderName}:ClientId"] = TestProvider.ClientId,
        [$"Auth:Providers:{ProviderName}:ClientSecret"] = TestProvider.ClientSecret,
        [$"Auth:Providers:{ProviderName}:DisplayName"] = "Test Provider",
        ["Auth:ExposeTokens"] = "id,access",
        ["Auth:AllowedOrigins"] = AllowedOrigin,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Auth:DataProtection:KeysPath", _keysPath);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(_keysPath))
        {
            Directory.Delete(_keysPath, recursive: true);
        }
    }
}
