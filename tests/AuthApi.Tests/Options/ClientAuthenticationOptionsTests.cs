using System.Security.Cryptography;
using AuthApi.Options;

namespace AuthApi.Tests.Options;

/// <summary>The startup checks of client authentication: keys that can sign, secrets only where needed, Apple's three settings.</summary>
public sealed class ClientAuthenticationOptionsTests : IDisposable
{
    private const string Provider = "idp";

    private readonly ClientKeys _keys = new();

    [Theory]
    [InlineData("client_secret_basic")]
    [InlineData("client_secret_post")]
    [InlineData(null)]
    public void SecretMethodsNeedAClientSecret(string? method)
    {
        var problems = Validate(provider =>
        {
            provider.TokenEndpointAuthMethod = method;
            provider.ClientSecret = "";
        });

        Assert.Contains($"Auth:Providers:{Provider}:ClientSecret", Assert.Single(problems));
    }

    [Fact]
    public void APublicClientNeedsNoSecret()
    {
        var problems = Validate(provider =>
        {
            provider.TokenEndpointAuthMethod = "none";
            provider.ClientSecret = "";
        });

        Assert.Empty(problems);
    }

    [Fact]
    public void AKeyFileWhoseCertificateIsAnotherKeysStopsStartupNamingTheSetting()
    {
        var problems = Validate(provider =>
        {
            provider.TokenEndpointAuthMethod = "private_key_jwt";
            provider.ClientAssertionKeyPath = _keys.RsaPemWithCertificate(otherKeysCertificate: true).Path;
        });

        var problem = Assert.Single(problems);
        Assert.Contains("ClientAssertionKeyPath", problem);
        Assert.Contains("certificate whose public key is not the private key's", problem);
    }

    [Fact]
    public void PrivateKeyJwtWithAReadableKeyNeedsNoSecret()
    {
        var problems = Validate(provider =>
        {
            provider.TokenEndpointAuthMethod = "private_key_jwt";
            provider.ClientAssertionKeyPath = _keys.RsaPem().Path;
            provider.ClientSecret = "";
        });

        Assert.Empty(problems);
    }

    [Fact]
    public void PrivateKeyJwtWithoutAKeyPathIsReported()
    {
        var problems = Validate(provider =>
        {
            provider.TokenEndpointAuthMethod = "private_key_jwt";
            provider.ClientSecret = "";
        });

        Assert.Contains($"Auth:Providers:{Provider}:ClientAssertionKeyPath is required", Assert.Single(problems));
    }

    [Fact]
    public void AMissingKeyFileIsReportedNamingTheSettingAndThePath()
    {
        var problems = Validate(provider =>
        {
            provider.TokenEndpointAuthMethod = "private_key_jwt";
            provider.ClientAssertionKeyPath = _keys.MissingPath;
        });

        var problem = Assert.Single(problems);
        Assert.Contains($"Auth:Providers:{Provider}:ClientAssertionKeyPath", problem);
        Assert.Contains(_keys.MissingPath, problem);
        Assert.Contains("cannot be read", problem);
    }

    [Fact]
    public void AFileThatHoldsNoPrivateKeyIsReportedWithoutItsContent()
    {
        using var rsa = RSA.Create(2048);
        var publicPem = rsa.ExportSubjectPublicKeyInfoPem();
        var paths = new[] { _keys.Write("public.pem", publicPem), _keys.Write("garbage.pem", "not a key at all"), _keys.Write("bad.json", "{\"kty\":\"RSA\"}") };

        foreach (var path in paths)
        {
            var problems = Validate(provider =>
            {
                provider.TokenEndpointAuthMethod = "private_key_jwt";
                provider.ClientAssertionKeyPath = path;
            });

            var problem = Assert.Single(problems);
            Assert.Contains($"Auth:Providers:{Provider}:ClientAssertionKeyPath", problem);
            Assert.DoesNotContain(publicPem.Split('\n')[1], problem);
            Assert.DoesNotContain("not a key at all", problem);
        }
    }

    [Fact]
    public void WeakRsaKeysAndCurvesOtherThanP256AreReported()
    {
        var weak = Validate(provider => provider.ClientAssertionKeyPath = _keys.RsaPem(bits: 1024).Path);
        var p384 = Validate(provider => provider.ClientAssertionKeyPath = _keys.EcPem(curve: ECCurve.NamedCurves.nistP384).Path);

        Assert.Contains("2048", Assert.Single(weak));
        Assert.Contains("P-256", Assert.Single(p384));
    }

    [Fact]
    public void AnEcP256JwkIsAcceptedAndAP384OneIsReported()
    {
        var p256 = Validate(provider => provider.ClientAssertionKeyPath = _keys.EcJwk(ECCurve.NamedCurves.nistP256, "P-256"));
        var p384 = Validate(provider => provider.ClientAssertionKeyPath = _keys.EcJwk(ECCurve.NamedCurves.nistP384, "P-384"));

        Assert.Empty(p256);
        Assert.Contains($"Auth:Providers:{Provider}:ClientAssertionKeyPath", Assert.Single(p384));
    }

    [Fact]
    public void UnknownMethodsAreReported()
    {
        var problems = Validate(provider => provider.TokenEndpointAuthMethod = "tls_client_auth");

        Assert.Contains($"Auth:Providers:{Provider}:TokenEndpointAuthMethod", Assert.Single(problems));
    }

    [Fact]
    public void AppleSettingsGoTogetherAndNeedAnEcP256Key()
    {
        var partial = Validate(provider => provider.AppleTeamId = "TEAM");
        var rsa = Validate(provider => SetApple(provider, _keys.RsaPem().Path));
        var missing = Validate(provider => SetApple(provider, _keys.MissingPath));
        var valid = Validate(provider => SetApple(provider, _keys.EcPem().Path));

        Assert.Contains("AppleTeamId, AppleKeyId and AppleKeyPath", Assert.Single(partial));
        Assert.Contains($"Auth:Providers:{Provider}:AppleKeyPath", Assert.Single(rsa));
        Assert.Contains("EC P-256", Assert.Single(rsa));
        Assert.Contains($"Auth:Providers:{Provider}:AppleKeyPath", Assert.Single(missing));
        Assert.Empty(valid);
    }

    public void Dispose() => _keys.Dispose();

    private static void SetApple(ProviderOptions provider, string path)
    {
        provider.ClientSecret = "";
        provider.AppleTeamId = "TEAM123456";
        provider.AppleKeyId = "KEY1234567";
        provider.AppleKeyPath = path;
    }

    private static List<string> Validate(Action<ProviderOptions> change)
    {
        var provider = new ProviderOptions
        {
            ServerMetadataUrl = "https://idp.example.com/.well-known/openid-configuration",
            ClientId = "client-id",
            ClientSecret = "client-secret",
        };
        change(provider);
        var options = new AuthOptions
        {
            RedirectUri = "https://app.example.com/oauth2callback",
            Providers = { [Provider] = provider },
            AllowedOrigins = ["https://app.example.com"],
        };
        return [.. new AuthOptionsValidator().Validate(options).Errors.Select(error => error.ErrorMessage)];
    }
}
