using AuthApi.Options;

namespace AuthApi.Tests.Options;

/// <summary>The startup checks of the <c>Auth</c> section: one problem, one message, naming the key to fix.</summary>
public sealed class AuthOptionsValidatorTests : IDisposable
{
    private const string Provider = "google";
    private const string TlsRedis = "redis:6380,ssl=true,user=authapi,password=secret";

    private string? _directory;

    [Fact]
    public void ValidConfigurationHasNoProblems()
    {
        var result = Validate(_ => { });

        Assert.Empty(result);
    }

    [Theory]
    [InlineData("https://app.example.com/callback")]
    [InlineData("https://app.example.com/oauth2callback/extra")]
    [InlineData("https://app.example.com/oauth2callback?x=1")]
    [InlineData("/oauth2callback")]
    [InlineData("")]
    public void RedirectUriNotEndingInOauth2CallbackIsReported(string redirectUri)
    {
        var problems = Validate(options => options.RedirectUri = redirectUri);

        Assert.Contains("Auth:RedirectUri", Assert.Single(problems));
    }

    [Fact]
    public void TheRedisStoreWithoutRedisIsReported()
    {
        var problems = Validate(options => options.Session.Store = SessionStoreKind.Redis);

        var problem = Assert.Single(problems);
        Assert.Contains("Auth:Session:Store", problem);
        Assert.Contains("Auth:Redis", problem);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(2 * 1024 * 1024)]
    public void AStoredSessionLimitOutsideItsRangeIsReported(int maxStoredBytes)
    {
        var problems = Validate(options => options.Session.MaxStoredBytes = maxStoredBytes);

        Assert.Contains("Auth:Session:MaxStoredBytes must be between 8192", Assert.Single(problems));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void ASessionsPerUserLimitOutsideItsRangeIsReported(int maxPerUser)
    {
        var problems = Validate(options => options.Session.MaxPerUser = maxPerUser);

        Assert.Contains("Auth:Session:MaxPerUser must be between 1 and 10000", Assert.Single(problems));
    }

    [Theory]
    [InlineData("redis:6379,password=secret,ssl=true", 0)]
    [InlineData("redis:6379,asyncTimeout=soon", 1)]
    [InlineData(",,,", 1)]
    public void ARedisConnectionStringIsCheckedAtStartup(string configuration, int expectedProblems)
    {
        var problems = Validate(options => options.Redis = configuration);

        Assert.Equal(expectedProblems, problems.Count);
        Assert.All(problems, problem => Assert.Contains("Auth:Redis", problem));
    }

    [Fact]
    public void APemCaCertificateForATlsRedisHasNoProblems()
    {
        using var ca = new TestCertificateAuthority();
        var path = WriteFile("ca.pem", ca.CertificatePem);

        var problems = Validate(options => (options.Redis, options.RedisTrustedCaPath) = (TlsRedis, path));

        Assert.Empty(problems);
    }

    [Fact]
    public void ATrustedCaPathWithoutRedisIsReported()
    {
        using var ca = new TestCertificateAuthority();
        var path = WriteFile("ca.pem", ca.CertificatePem);

        var problems = Validate(options => options.RedisTrustedCaPath = path);

        var problem = Assert.Single(problems);
        Assert.StartsWith("Auth:RedisTrustedCaPath is set but Auth:Redis is not", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrustedCaPathForARedisWithoutTlsIsReported()
    {
        using var ca = new TestCertificateAuthority();
        var path = WriteFile("ca.pem", ca.CertificatePem);

        var problems = Validate(options => (options.Redis, options.RedisTrustedCaPath) = ("redis:6379,password=secret", path));

        var problem = Assert.Single(problems);
        Assert.Contains("Auth:RedisTrustedCaPath", problem, StringComparison.Ordinal);
        Assert.Contains("ssl=true", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingTrustedCaFileIsReportedAsUnreadable()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "ca.pem");

        var problems = Validate(options => (options.Redis, options.RedisTrustedCaPath) = (TlsRedis, path));

        var problem = Assert.Single(problems);
        Assert.StartsWith($"Auth:RedisTrustedCaPath: the file '{path}' cannot be read", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a private key")]
    [InlineData("no PEM at all")]
    [InlineData("a damaged certificate")]
    public void ATrustedCaFileWithoutAPemCertificateIsReportedWithoutItsContent(string content)
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var text = content switch
        {
            "a private key" => key.ExportPkcs8PrivateKeyPem(),
            "a damaged certificate" => "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG==\n-----END CERTIFICATE-----\n",
            _ => "redis:6380 is our Redis",
        };
        var path = WriteFile("ca.pem", text);

        var problems = Validate(options => (options.Redis, options.RedisTrustedCaPath) = (TlsRedis, path));

        var problem = Assert.Single(problems);
        Assert.StartsWith($"Auth:RedisTrustedCaPath: the file '{path}' holds no PEM certificate", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(text.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)).MaxBy(line => line.Length)!, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://github.com/.well-known/openid-configuration")]
    [InlineData("https://GitHub.com/login/oauth/.well-known/openid-configuration")]
    public void AGitHubMetadataUrlIsReportedAsNotAnOpenIdConnectProvider(string url)
    {
        var problems = Validate(options => options.Providers[Provider].ServerMetadataUrl = url);

        var problem = Assert.Single(problems);
        Assert.Contains($"Auth:Providers:{Provider}:ServerMetadataUrl", problem);
        Assert.Contains("not an OpenID Connect provider", problem);
    }

    [Fact]
    public void GitHubActionsOidcIssuerIsNotTakenForGitHub()
    {
        var problems = Validate(options => options.Providers[Provider].ServerMetadataUrl = "https://token.actions.githubusercontent.com/.well-known/openid-configuration");

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:05:00")]
    public void DefaultAccessTokenLifetimeThatIsNotPositiveIsReported(string lifetime)
    {
        var problems = Validate(options => options.Providers[Provider].DefaultAccessTokenLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains($"Auth:Providers:{Provider}:DefaultAccessTokenLifetime", Assert.Single(problems));
    }

    [Theory]
    [InlineData("http://idp.example.com/.well-known/openid-configuration")]
    [InlineData("http://localhost.evil.example/.well-known/openid-configuration")]
    [InlineData("http://127.0.0.1.evil.example/.well-known/openid-configuration")]
    [InlineData("http://127.0.0.2/.well-known/openid-configuration")]
    [InlineData("ftp://idp.example.com/.well-known/openid-configuration")]
    [InlineData("idp.example.com/.well-known/openid-configuration")]
    [InlineData("")]
    public void MetadataUrlThatIsNeitherHttpsNorLoopbackIsReported(string url)
    {
        var problems = Validate(options => options.Providers[Provider].ServerMetadataUrl = url);

        Assert.Contains($"Auth:Providers:{Provider}:ServerMetadataUrl", Assert.Single(problems));
    }

    [Theory]
    [InlineData("/au revoir/ça")]
    [InlineData("evil")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/.//evil.example")]
    [InlineData("/a\\b")]
    public void PostLogoutReturnUrlThatFailsTheReturnUrlChecksIsReported(string url)
    {
        var problems = Validate(options => options.PostLogoutReturnUrl = url);

        Assert.Contains("Auth:PostLogoutReturnUrl", Assert.Single(problems));
    }

    [Theory]
    [InlineData("https://idp.example.com/.well-known/openid-configuration")]
    [InlineData("http://127.0.0.1:8080/.well-known/openid-configuration")]
    [InlineData("http://localhost:8080/.well-known/openid-configuration")]
    [InlineData("http://[::1]:8080/.well-known/openid-configuration")]
    public void HttpsOrLoopbackMetadataUrlIsAccepted(string url)
    {
        var problems = Validate(options => options.Providers[Provider].ServerMetadataUrl = url);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("Google")]
    [InlineData("my_idp")]
    [InlineData("idp.example")]
    [InlineData("my idp")]
    public void ProviderNameOutsideLowercaseLettersDigitsAndDashIsReported(string name)
    {
        var problems = Validate(options =>
        {
            options.Providers[name] = options.Providers[Provider];
            options.Providers.Remove(Provider);
        });

        Assert.Contains($"Auth:Providers:{name}", Assert.Single(problems));
    }

    [Fact]
    public void MissingClientIdIsReported()
    {
        var problems = Validate(options => options.Providers[Provider].ClientId = "");

        Assert.Contains($"Auth:Providers:{Provider}:ClientId", Assert.Single(problems));
    }

    [Fact]
    public void MissingClientSecretIsReported()
    {
        var problems = Validate(options => options.Providers[Provider].ClientSecret = "");

        Assert.Contains($"Auth:Providers:{Provider}:ClientSecret", Assert.Single(problems));
    }

    [Fact]
    public void MissingClientIdAndSecretAreReportedOneLineEach()
    {
        var problems = Validate(options =>
        {
            options.Providers[Provider].ClientId = "";
            options.Providers[Provider].ClientSecret = "";
        });

        Assert.Equal(2, problems.Count);
        Assert.Single(problems, problem => problem.Contains($"Auth:Providers:{Provider}:ClientId", StringComparison.Ordinal));
        Assert.Single(problems, problem => problem.Contains($"Auth:Providers:{Provider}:ClientSecret", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownExposedTokenKindIsReportedWithItsName()
    {
        var problems = Validate(options => options.ExposeTokens = ["id", "secret"]);

        var problem = Assert.Single(problems);
        Assert.Contains("Auth:ExposeTokens", problem);
        Assert.Contains("secret", problem);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("access")]
    public void KnownExposedTokenKindIsAccepted(string kind)
    {
        var problems = Validate(options => options.ExposeTokens = [kind]);

        Assert.Empty(problems);
    }

    [Fact]
    public void ExposedRefreshTokenWithTheSecondOptInIsAccepted()
    {
        var problems = Validate(options =>
        {
            options.ExposeTokens = ["refresh"];
            options.ExposeRefreshToken = true;
        });

        Assert.Empty(problems);
    }

    [Fact]
    public void ExposedRefreshTokenWithoutTheSecondOptInIsReportedNamingBothKeys()
    {
        var problems = Validate(options => options.ExposeTokens = ["id", "refresh"]);

        var problem = Assert.Single(problems);
        Assert.Contains("Auth:ExposeTokens", problem);
        Assert.Contains("Auth:ExposeRefreshToken=true", problem);
    }

    [Fact]
    public void DefaultProviderNamingNoProviderIsReported()
    {
        var problems = Validate(options => options.DefaultProvider = "nope");

        Assert.Contains("Auth:DefaultProvider", Assert.Single(problems));
    }

    [Theory]
    [InlineData("profile email")]
    [InlineData("openidprofile email")]
    [InlineData("")]
    public void ScopeWithoutOpenidIsReported(string scope)
    {
        var problems = Validate(options => options.Providers[Provider].Scope = scope);

        Assert.Contains($"Auth:Providers:{Provider}:Scope", Assert.Single(problems));
    }

    [Theory]
    [InlineData("https://app.example.com/path")]
    [InlineData("https://app.example.com/app/")]
    [InlineData("app.example.com")]
    [InlineData("https://app.example.com?x=1")]
    [InlineData("ftp://app.example.com")]
    public void AllowedOriginThatIsNotAnOriginIsReported(string origin)
    {
        var problems = Validate(options => options.AllowedOrigins = [origin]);

        var problem = Assert.Single(problems);
        Assert.Contains("Auth:AllowedOrigins", problem);
        Assert.Contains(origin, problem);
    }

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("http://localhost:5173")]
    public void AllowedOriginIsAccepted(string origin)
    {
        var problems = Validate(options => options.AllowedOrigins = [origin]);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/goodbye")]
    [InlineData("https://app.example.com/goodbye")]
    public void PostLogoutReturnUrlOnTheSiteOrAnAllowedOriginIsAccepted(string url)
    {
        var problems = Validate(options => options.PostLogoutReturnUrl = url);

        Assert.Empty(problems);
    }

    [Fact]
    public void HttpAllowedOriginWhileTheRedirectUriIsHttpsIsReported()
    {
        var problems = Validate(options => options.AllowedOrigins = ["http://app.example.com"]);

        Assert.Contains("is http while Auth:RedirectUri is https", Assert.Single(problems));
    }

    [Fact]
    public void HttpAllowedOriginIsAcceptedWhileTheRedirectUriIsHttp()
    {
        var problems = Validate(options =>
        {
            options.RedirectUri = "http://localhost:8080/oauth2callback";
            options.AllowedOrigins = ["http://app.example.com"];
        });

        Assert.Empty(problems);
    }

    [Fact]
    public void HttpsAllowedOriginWhileTheRedirectUriIsHttpOffLoopbackIsReported()
    {
        var problems = Validate(options =>
        {
            options.RedirectUri = "http://auth.example.com/oauth2callback";
            options.AllowedOrigins = ["https://app.example.com"];
        });

        Assert.Contains("is https while Auth:RedirectUri (http://auth.example.com/oauth2callback) is http", Assert.Single(problems));
    }

    [Fact]
    public void HttpsAllowedOriginIsAcceptedWhileTheRedirectUriIsHttpOnLoopback()
    {
        var problems = Validate(options =>
        {
            options.RedirectUri = "http://localhost:8080/oauth2callback";
            options.AllowedOrigins = ["https://app.example.com"];
        });

        Assert.Empty(problems);
    }

    [Fact]
    public void ProvidersSharingARedirectUriAreReported()
    {
        var problems = Validate(options =>
        {
            options.Providers["entra"] = SecondProvider();
            options.Providers["entra"].RedirectUri = "https://app.example.com/oauth2callback/google";
        });

        Assert.Contains("google and entra share one redirect URI", Assert.Single(problems));
    }

    [Theory]
    [InlineData("https://app.example.com/other")]
    [InlineData("https://evil.example/oauth2callback/google")]
    [InlineData("https://app.example.com/oauth2callback/a/b")]
    [InlineData("https://app.example.com/oauth2callback/Google")]
    public void ProviderRedirectUriOutsideTheCallbackPathIsReported(string redirectUri)
    {
        var problems = Validate(options => options.Providers[Provider].RedirectUri = redirectUri);

        Assert.Contains($"Auth:Providers:{Provider}:RedirectUri", Assert.Single(problems));
    }

    [Fact]
    public void SeveralProvidersGetTheirOwnRedirectUrisByDefault()
    {
        var options = new AuthOptions { RedirectUri = "https://app.example.com/oauth2callback", Providers = { [Provider] = SecondProvider(), ["entra"] = SecondProvider() } };

        Assert.Equal("https://app.example.com/oauth2callback/google", options.RedirectUriOf(Provider));
        Assert.Equal("https://app.example.com/oauth2callback/entra", options.RedirectUriOf("entra"));
    }

    [Theory]
    [InlineData("EndSessionEndpoint", "http://idp.example.com/logout")]
    [InlineData("EndSessionEndpoint", "/logout")]
    [InlineData("PostLogoutReturnUrl", "//evil.example")]
    [InlineData("PostLogoutReturnUrl", "https://evil.example/")]
    public void ProviderLogoutSettingThatCouldSendUsersElsewhereIsReported(string setting, string value)
    {
        var problems = Validate(options =>
        {
            if (setting == "EndSessionEndpoint")
            {
                options.Providers[Provider].EndSessionEndpoint = value;
            }
            else
            {
                options.Providers[Provider].PostLogoutReturnUrl = value;
            }
        });

        Assert.Contains($"Auth:Providers:google:{setting}", Assert.Single(problems));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tenant a")]
    [InlineData("common/v2.0")]
    public void AllowedTenantThatIsNoTenantIdIsReported(string tenant)
    {
        var problems = Validate(options => options.Providers[Provider].AllowedTenants = [tenant]);

        Assert.Contains("Auth:Providers:google:AllowedTenants", Assert.Single(problems));
    }

    [Theory]
    [InlineData("Auth:ForwardedHeaders:KnownNetworks", "10.0.0.0/33")]
    [InlineData("Auth:ForwardedHeaders:KnownNetworks", "proxy.internal")]
    [InlineData("Auth:RateLimit:PermitsPerMinute", "-1")]
    [InlineData("Auth:RateLimit:BackChannelPermitsPerMinute", "-1")]
    [InlineData("Auth:ProviderMaxResponseBytes", "100")]
    [InlineData("Auth:Providers:google:AuthorizeParameters:max_age", "an hour")]
    public void OutOfRangeSecuritySettingIsReported(string key, string value)
    {
        var problems = Validate(options =>
        {
            switch (key)
            {
                case "Auth:ForwardedHeaders:KnownNetworks":
                    options.ForwardedHeaders.KnownNetworks = [value];
                    break;
                case "Auth:RateLimit:PermitsPerMinute":
                    options.RateLimit.PermitsPerMinute = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "Auth:RateLimit:BackChannelPermitsPerMinute":
                    options.RateLimit.BackChannelPermitsPerMinute = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "Auth:ProviderMaxResponseBytes":
                    options.ProviderMaxResponseBytes = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    options.Providers[Provider].AuthorizeParameters["max_age"] = value;
                    break;
            }
        });

        Assert.Contains(key, Assert.Single(problems));
    }

    [Fact]
    public void NoProviderIsReported()
    {
        var problems = Validate(options => options.Providers.Clear());

        Assert.Contains("Auth:Providers", Assert.Single(problems));
    }

    private static ProviderOptions SecondProvider() => new()
    {
        ServerMetadataUrl = "https://login.microsoftonline.com/tenant/v2.0/.well-known/openid-configuration",
        ClientId = "entra-client",
        ClientSecret = "entra-secret",
    };

    public void Dispose()
    {
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string WriteFile(string name, string content)
    {
        _directory ??= Directory.CreateTempSubdirectory("authapi-options-").FullName;
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Validates a valid configuration after one change; returns the failure messages.</summary>
    private static List<string> Validate(Action<AuthOptions> change)
    {
        var options = new AuthOptions
        {
            RedirectUri = "https://app.example.com/oauth2callback",
            Providers =
            {
                [Provider] = new ProviderOptions
                {
                    ServerMetadataUrl = "https://accounts.google.com/.well-known/openid-configuration",
                    ClientId = "client-id",
                    ClientSecret = "client-secret",
                },
            },
            AllowedOrigins = ["https://app.example.com"],
        };
        change(options);
        return [.. new AuthOptionsValidator().Validate(options).Errors.Select(error => error.ErrorMessage)];
    }
}
