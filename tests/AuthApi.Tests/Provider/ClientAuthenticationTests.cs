using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tests.Provider;

/// <summary>
/// How token, refresh and revocation requests authenticate the client: private_key_jwt (checked by the provider), a public
/// client, the automatic choice from the provider's metadata, and Apple's client secret JWT.
/// </summary>
public sealed class ClientAuthenticationTests : IDisposable
{
    private const string Provider = AuthApiFactory.ProviderName;
    private const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly ClientKeys _keys = new();

    [Fact]
    public async Task PrivateKeyJwtWithAnRsaPemKeySignsTheCodeExchangeTheRefreshAndTheRevocation()
    {
        var (path, publicKey) = _keys.RsaPem();
        await using var app = PrivateKeyJwtApp(path, publicKey, keyId: "rsa-key-1");
        var browser = app.CreateBrowser();

        await app.LoginAsync(browser);
        var refresh = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh"));
        var logout = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(["private_key_jwt", "private_key_jwt", "private_key_jwt"], app.Provider.TokenClientAuthentications);
        Assert.Single(app.Provider.RevokedTokens);
        var assertions = app.Provider.ClientAssertions.ToList();
        Assert.Equal(3, assertions.Count);
        Assert.Equal(3, assertions.Select(assertion => assertion.Id).Distinct().Count());
        Assert.All(assertions, assertion =>
        {
            Assert.Equal("RS256", assertion.Alg);
            Assert.Equal("rsa-key-1", assertion.Kid);
            Assert.Equal(TestProvider.ClientId, assertion.Issuer);
            Assert.Equal(TestProvider.ClientId, assertion.Subject);
            Assert.Equal([app.Provider.Issuer + "/token"], assertion.Audiences);
            Assert.True(assertion.ValidTo - assertion.IssuedAt <= TimeSpan.FromMinutes(5));
        });
        Assert.All(RequestBodies(app, "/token").Concat(RequestBodies(app, "/revoke")), form =>
        {
            Assert.Equal(JwtBearer, form["client_assertion_type"]);
            Assert.False(form.ContainsKey("client_secret"));
        });
    }

    [Fact]
    public async Task PrivateKeyJwtWithAnEcPemKeySignsWithEs256()
    {
        var (path, publicKey) = _keys.EcPem();
        await using var app = PrivateKeyJwtApp(path, publicKey, keyId: "ec-key-1");

        var callback = await app.LoginAsync(app.CreateBrowser());

        Assert.Contains("authapi.session", callback.CookiesWritten());
        var assertion = Assert.Single(app.Provider.ClientAssertions);
        Assert.Equal("ES256", assertion.Alg);
        Assert.Equal("ec-key-1", assertion.Kid);
    }

    [Fact]
    public async Task PrivateKeyJwtReadsPkcs1AndSec1PemKeys()
    {
        var (rsaPath, rsaPublic) = _keys.RsaPem(pkcs1: true);
        var (ecPath, ecPublic) = _keys.EcPem(sec1: true);
        await using var rsaApp = PrivateKeyJwtApp(rsaPath, rsaPublic, keyId: "k");
        await using var ecApp = PrivateKeyJwtApp(ecPath, ecPublic, keyId: "k");

        await rsaApp.LoginAsync(rsaApp.CreateBrowser());
        await ecApp.LoginAsync(ecApp.CreateBrowser());

        Assert.Equal("RS256", Assert.Single(rsaApp.Provider.ClientAssertions).Alg);
        Assert.Equal("ES256", Assert.Single(ecApp.Provider.ClientAssertions).Alg);
    }

    [Fact]
    public async Task PrivateKeyJwtWithACertificateBesideTheKeyNamesTheCertificateByItsThumbprints()
    {
        var (path, _, certificate) = _keys.RsaPemWithCertificate();
        // The provider knows the certificate only, as Entra ID does.
        await using var app = PrivateKeyJwtApp(path, new X509SecurityKey(certificate), keyId: null);

        await app.LoginAsync(app.CreateBrowser());

        var assertion = Assert.Single(app.Provider.ClientAssertions);
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(certificate.RawData)), assertion.GetHeaderValue<string>("x5t#S256"));
        Assert.Equal(Base64UrlEncoder.Encode(SHA1.HashData(certificate.RawData)), assertion.X5t);
    }

    [Fact]
    public async Task PrivateKeyJwtWithoutACertificateSendsNoThumbprint()
    {
        var (path, publicKey) = _keys.RsaPem();
        await using var app = PrivateKeyJwtApp(path, publicKey, keyId: "k");

        await app.LoginAsync(app.CreateBrowser());

        var assertion = Assert.Single(app.Provider.ClientAssertions);
        Assert.False(assertion.TryGetHeaderValue<string>("x5t#S256", out _));
        Assert.Empty(assertion.X5t);
    }

    [Fact]
    public async Task PrivateKeyJwtWithAJwkFileUsesItsKidUnlessAKeyIdIsConfigured()
    {
        var (path, publicKey) = _keys.RsaJwk(kid: "jwk-kid");
        await using var app = PrivateKeyJwtApp(path, publicKey, keyId: null);

        await app.LoginAsync(app.CreateBrowser());

        Assert.Equal("jwk-kid", Assert.Single(app.Provider.ClientAssertions).Kid);
    }

    [Fact]
    public async Task PrivateKeyJwtSignsWithPs256WhenTheProviderListsOnlyPs256()
    {
        var (path, publicKey) = _keys.RsaPem();
        await using var app = PrivateKeyJwtApp(path, publicKey, keyId: "k", changeMetadata: metadata =>
            metadata["token_endpoint_auth_signing_alg_values_supported"] = new[] { "PS256" });

        await app.LoginAsync(app.CreateBrowser());

        Assert.Equal("PS256", Assert.Single(app.Provider.ClientAssertions).Alg);
    }

    [Fact]
    public async Task AClientAssertionSignedWithAnotherKeyIsRefusedAndCreatesNoSession()
    {
        var (path, _) = _keys.RsaPem();
        var (_, otherPublicKey) = _keys.RsaPem();
        await using var app = PrivateKeyJwtApp(path, otherPublicKey, keyId: "k");

        var callback = await app.LoginAsync(app.CreateBrowser());

        Assert.DoesNotContain("authapi.session", callback.CookiesWritten());
        Assert.Contains("auth_error=token_exchange_failed", callback.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKeyMaterialOrAssertionAppearsInTheLogs()
    {
        var (path, publicKey) = _keys.RsaPem();
        await using var app = PrivateKeyJwtApp(path, publicKey, keyId: "k");

        await app.LoginAsync(app.CreateBrowser());

        var keyLine = File.ReadAllLines(path)[1];
        var assertion = RequestBodies(app, "/token").Single()["client_assertion"].ToString();
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains(keyLine, StringComparison.Ordinal) || line.Contains(assertion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APublicClientSendsItsClientIdOnlyWithoutAnAuthorizationHeader()
    {
        await using var app = new TestApp(settings =>
        {
            settings.Remove($"Auth:Providers:{Provider}:ClientSecret");
            settings[$"Auth:Providers:{Provider}:TokenEndpointAuthMethod"] = "none";
        });
        app.Provider.AcceptPublicClients = true;
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser);
        var refresh = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh"));

        Assert.Contains("authapi.session", callback.CookiesWritten());
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(["none", "none"], app.Provider.TokenClientAuthentications);
        var requests = app.Provider.Server.LogEntries.Where(entry => entry.RequestMessage?.AbsolutePath == "/token").Select(entry => entry.RequestMessage!).ToList();
        Assert.All(requests, request =>
        {
            Assert.False(request.Headers!.ContainsKey("Authorization"));
            var form = QueryHelpers.ParseQuery(request.Body);
            Assert.Equal(TestProvider.ClientId, form["client_id"]);
            Assert.False(form.ContainsKey("client_secret"));
            Assert.False(form.ContainsKey("client_assertion"));
        });
    }

    [Theory]
    [InlineData(null, "basic")]
    [InlineData(new[] { "client_secret_basic", "client_secret_post" }, "basic")]
    [InlineData(new[] { "client_secret_post" }, "post")]
    [InlineData(new[] { "private_key_jwt", "client_secret_post" }, "post")]
    public async Task WithoutAConfiguredMethodTheProvidersListDecides(string[]? supported, string expected)
    {
        await using var app = new TestApp(changeMetadata: metadata =>
        {
            if (supported is not null)
            {
                metadata["token_endpoint_auth_methods_supported"] = supported;
            }
        });

        await app.LoginAsync(app.CreateBrowser());

        Assert.Equal([expected], app.Provider.TokenClientAuthentications);
    }

    [Fact]
    public async Task WithOnlyAKeyConfiguredAndPrivateKeyJwtListedTheClientSignsAnAssertion()
    {
        var (path, publicKey) = _keys.EcPem();
        await using var app = new TestApp(
            settings =>
            {
                settings.Remove($"Auth:Providers:{Provider}:ClientSecret");
                settings[$"Auth:Providers:{Provider}:ClientAssertionKeyPath"] = path;
            },
            metadata => metadata["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "private_key_jwt" });
        app.Provider.ClientAssertionKey = publicKey;

        await app.LoginAsync(app.CreateBrowser());

        Assert.Equal(["private_key_jwt"], app.Provider.TokenClientAuthentications);
    }

    [Fact]
    public async Task WhenTheProviderListsNoMethodTheClientHasCredentialsForTheLoginFailsWithALogLineSayingWhatToSet()
    {
        await using var app = new TestApp(changeMetadata: metadata => metadata["token_endpoint_auth_methods_supported"] = new[] { "tls_client_auth" });

        var callback = await app.LoginAsync(app.CreateBrowser());

        Assert.Contains("auth_error=token_exchange_failed", callback.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, app.Provider.RequestsTo("/token"));
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("tls_client_auth", StringComparison.Ordinal)
            && line.Contains($"Auth:Providers:{Provider}:TokenEndpointAuthMethod", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppleClientSecretIsAnEs256JwtFromTheTeamKeySentInTheBodyReusedThenRenewed()
    {
        var (path, publicKey) = _keys.EcPem();
        await using var app = new TestApp(settings =>
        {
            settings.Remove($"Auth:Providers:{Provider}:ClientSecret");
            settings[$"Auth:Providers:{Provider}:AppleTeamId"] = "TEAM123456";
            settings[$"Auth:Providers:{Provider}:AppleKeyId"] = "APPLEKEY01";
            settings[$"Auth:Providers:{Provider}:AppleKeyPath"] = path;
        });
        app.Provider.ClientSecretCheck = secret => new JsonWebTokenHandler().ValidateTokenAsync(secret, new TokenValidationParameters
        {
            IssuerSigningKey = publicKey,
            ValidIssuer = "TEAM123456",
            ValidAudience = "https://appleid.apple.com",
            ValidateLifetime = false,
        }).GetAwaiter().GetResult().IsValid;

        await app.LoginAsync(app.CreateBrowser());
        app.Time.Advance(TimeSpan.FromMinutes(30));
        await app.LoginAsync(app.CreateBrowser());
        app.Time.Advance(TimeSpan.FromMinutes(26)); // within 5 minutes of the hour's end: renewed
        var last = await app.LoginAsync(app.CreateBrowser());

        Assert.Contains("authapi.session", last.CookiesWritten());
        Assert.Equal(["post", "post", "post"], app.Provider.TokenClientAuthentications);
        var secrets = app.Provider.PostedClientSecrets.ToList();
        Assert.Equal(secrets[0], secrets[1]);
        Assert.NotEqual(secrets[1], secrets[2]);
        var first = new JsonWebToken(secrets[0]);
        Assert.Equal("ES256", first.Alg);
        Assert.Equal("APPLEKEY01", first.Kid);
        Assert.Equal("TEAM123456", first.Issuer);
        Assert.Equal(TestProvider.ClientId, first.Subject);
        Assert.Equal(["https://appleid.apple.com"], first.Audiences);
        Assert.Equal(TimeSpan.FromHours(1), first.ValidTo - first.IssuedAt);
        var renewed = new JsonWebToken(secrets[2]);
        Assert.True(renewed.IssuedAt > first.IssuedAt);
    }

    public void Dispose() => _keys.Dispose();

    private static TestApp PrivateKeyJwtApp(string keyPath, SecurityKey publicKey, string? keyId, Action<Dictionary<string, object>>? changeMetadata = null)
    {
        var app = new TestApp(
            settings =>
            {
                settings.Remove($"Auth:Providers:{Provider}:ClientSecret");
                settings[$"Auth:Providers:{Provider}:TokenEndpointAuthMethod"] = "private_key_jwt";
                settings[$"Auth:Providers:{Provider}:ClientAssertionKeyPath"] = keyPath;
                if (keyId is not null)
                {
                    settings[$"Auth:Providers:{Provider}:ClientAssertionKeyId"] = keyId;
                }
            },
            changeMetadata);
        app.Provider.ClientAssertionKey = publicKey;
        return app;
    }

    private static IEnumerable<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> RequestBodies(TestApp app, string path) =>
        app.Provider.Server.LogEntries
            .Where(entry => entry.RequestMessage?.AbsolutePath == path)
            .Select(entry => QueryHelpers.ParseQuery(entry.RequestMessage!.Body));
}
