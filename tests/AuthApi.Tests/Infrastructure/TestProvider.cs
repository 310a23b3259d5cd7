using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// An OpenID provider played by WireMock: discovery, JWKS, a token endpoint that checks PKCE and
/// client authentication and answers per <see cref="Grant"/>, userinfo and revocation.
/// </summary>
public sealed class TestProvider : IDisposable
{
    public const string ClientId = "authapi-tests";
    public const string ClientSecret = "test-client-secret-long-enough-for-hs256";

    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new();
    private readonly ConcurrentDictionary<string, Grant> _accessTokens = new();
    private readonly ConcurrentDictionary<string, Grant> _refreshTokens = new();
    private int _refreshGrants;
    private readonly TimeProvider _time;
    private IReadOnlyList<RsaSecurityKey> _publishedKeys = [TestKeys.Current];
    private Dictionary<string, object> _metadata = [];

    public TestProvider(TimeProvider time, Action<Dictionary<string, object>>? changeMetadata = null)
    {
        _time = time;
        Server = WireMockServer.Start();
        Serve(changeMetadata);
    }

    public WireMockServer Server { get; }

    public string Issuer => Server.Url!;

    public string MetadataUrl => Issuer + "/.well-known/openid-configuration";

    /// <summary>The <c>iss</c> of the ID tokens issued. Defaults to <see cref="Issuer"/>.</summary>
    public string? IdTokenIssuer { get; set; }

    /// <summary>The path the token endpoint answers at (<see cref="ServeEndpointsAt"/> adds another).</summary>
    public string TokenPath { get; private set; } = "/token";

    /// <summary>Serves the metadata also under <paramref name="authorityPath"/> (e.g. <c>/common/v2.0</c>); returns that metadata URL.</summary>
    public string ServeMetadataAt(string authorityPath)
    {
        var path = authorityPath + "/.well-known/openid-configuration";
        Server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(Response.Create().WithCallback(_ => Json(200, _metadata)));
        return Issuer + path;
    }

    /// <summary>Serves <paramref name="document"/> as it is (a provider's own discovery document) at <paramref name="path"/>.</summary>
    public void ServeDocument(string path, string document) =>
        Server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(-1).RespondWith(Response.Create().WithCallback(_ => Raw(document)));

    /// <summary>Answers token, userinfo, revocation and JWKS requests also at these paths (a provider's own); null skips one.</summary>
    public void ServeEndpointsAt(string tokenPath, string? userInfoPath, string? revocationPath, string jwksPath)
    {
        TokenPath = tokenPath;
        Server.Given(Request.Create().WithPath(tokenPath).UsingPost()).AtPriority(-1).RespondWith(Response.Create().WithCallback(Token));
        Server.Given(Request.Create().WithPath(jwksPath).UsingGet()).AtPriority(-1)
            .RespondWith(Response.Create().WithCallback(_ => Json(200, new { keys = _publishedKeys.Select(TestKeys.PublicJwk) })));
        if (userInfoPath is not null)
        {
            Server.Given(Request.Create().WithPath(userInfoPath).UsingGet()).AtPriority(-1).RespondWith(Response.Create().WithCallback(UserInfo));
        }
        if (revocationPath is not null)
        {
            Server.Given(Request.Create().WithPath(revocationPath).UsingPost()).AtPriority(-1).RespondWith(Response.Create().WithCallback(Revoke));
        }
    }

    /// <summary>The key new ID tokens are signed with.</summary>
    public RsaSecurityKey SigningKey { get; private set; } = TestKeys.Current;

    /// <summary>Client authentication seen at the token and revocation endpoints: "basic", "post", "private_key_jwt" or "none".</summary>
    public ConcurrentQueue<string> TokenClientAuthentications { get; } = new();

    /// <summary>The public key client assertions (private_key_jwt) must be signed with; null refuses every assertion.</summary>
    public SecurityKey? ClientAssertionKey { get; set; }

    /// <summary>Client assertions received (token and revocation endpoints) that passed every check.</summary>
    public ConcurrentQueue<JsonWebToken> ClientAssertions { get; } = new();

    /// <summary>Accepts requests that carry only the client ID (public clients). Defaults to false.</summary>
    public bool AcceptPublicClients { get; set; }

    /// <summary>Checks a client secret sent in the body or the Basic header. Defaults to equality with <see cref="ClientSecret"/>.</summary>
    public Func<string, bool> ClientSecretCheck { get; set; } = secret => secret == ClientSecret;

    /// <summary>Client secrets received in the body (Apple's are JWTs).</summary>
    public ConcurrentQueue<string> PostedClientSecrets { get; } = new();

    private readonly ConcurrentDictionary<string, byte> _assertionIds = new();

    public ConcurrentQueue<string> RevokedTokens { get; } = new();

    /// <summary>Refresh grants received at the token endpoint.</summary>
    public int RefreshGrants => Volatile.Read(ref _refreshGrants);

    /// <summary>Issue a new refresh token with every refresh (the old one stops working). Defaults to true.</summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>Refresh responses carry a new ID token, without nonce (OIDC Core §12.2), as most providers send. Defaults to false.</summary>
    public bool IdTokenOnRefresh { get; set; }

    /// <summary>Status the token endpoint answers refresh grants with, when not 200.</summary>
    public int RefreshStatus { get; set; } = 200;

    /// <summary>How long a refresh grant takes to answer, so concurrent callers all arrive while it is in flight.</summary>
    public TimeSpan RefreshDelay { get; set; }

    /// <summary>Characters added to each access token a refresh grant issues (a user given more groups meanwhile). Defaults to 0.</summary>
    public int RefreshedAccessTokenPadding { get; set; }

    /// <summary>Every refresh token issued so far stops working (the user revoked the app's access).</summary>
    public void RevokeAllRefreshTokens() => _refreshTokens.Clear();

    /// <summary>Status the revocation endpoint answers with.</summary>
    public int RevocationStatus { get; set; } = 200;

    /// <summary>Registers a code for the login whose authorization URL this is; returns the code.</summary>
    public string IssueCode(Uri authorizationUrl, Grant grant)
    {
        var query = QueryHelpers.ParseQuery(authorizationUrl.Query);
        var code = "code-" + Guid.NewGuid().ToString("N");
        _codes[code] = new IssuedCode(grant, query["nonce"].ToString(), query["code_challenge"].ToString());
        return code;
    }

    /// <summary>Starts signing with a new key and publishes it, as a provider does when rotating keys.</summary>
    public void RotateKeys()
    {
        SigningKey = TestKeys.Rotated;
        _publishedKeys = [TestKeys.Rotated];
    }

    /// <summary>Every endpoint answers 503 from now on.</summary>
    public void GoDown()
    {
        Server.Reset();
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(HttpStatusCode.ServiceUnavailable));
    }

    public void ComeBack(Action<Dictionary<string, object>>? changeMetadata = null)
    {
        Server.Reset();
        Serve(changeMetadata);
    }

    /// <summary>The endpoint at this path answers 307 to another URL (which would receive the re-posted form if followed).</summary>
    public void Redirect(string path, string location) =>
        Server.Given(Request.Create().WithPath(path).UsingAnyMethod())
            .AtPriority(-1)
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.TemporaryRedirect).WithHeader("Location", location));

    /// <summary>Requests to this path get the status and body (as JSON) <paramref name="answer"/> returns, instead of the provider's own answer.</summary>
    public void Answer(string path, Func<IRequestMessage, (int Status, string Body)> answer) =>
        Server.Given(Request.Create().WithPath(path).UsingAnyMethod())
            .AtPriority(-2)
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var (status, body) = answer(request);
                var response = Raw(body);
                response.StatusCode = status;
                return response;
            }));

    /// <summary>The endpoint at this path answers only after the delay (a provider that hangs).</summary>
    public void Delay(string path, TimeSpan delay) =>
        Server.Given(Request.Create().WithPath(path).UsingAnyMethod())
            .AtPriority(-1)
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.OK).WithDelay(delay));

    /// <summary>The form bodies the token endpoint received.</summary>
    public IReadOnlyList<string> TokenRequestBodies =>
        [.. Server.LogEntries.Where(entry => entry.RequestMessage?.AbsolutePath == TokenPath).Select(entry => entry.RequestMessage!.Body ?? "")];

    public int RequestsTo(string path) => Server.LogEntries.Count(entry => entry.RequestMessage?.AbsolutePath == path);

    public string CreateIdToken(Dictionary<string, object> payload, SecurityKey key) =>
        new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(payload), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));

    private void Serve(Action<Dictionary<string, object>>? changeMetadata)
    {
        var metadata = new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["userinfo_endpoint"] = Issuer + "/userinfo",
            ["jwks_uri"] = Issuer + "/jwks",
            ["end_session_endpoint"] = Issuer + "/logout",
            ["revocation_endpoint"] = Issuer + "/revoke",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        };
        changeMetadata?.Invoke(metadata);

        _metadata = metadata;
        Server.Given(Request.Create().WithPath("/.well-known/openid-configuration").UsingGet())
            .RespondWith(Response.Create().WithCallback(_ => Json(200, metadata)));
        Server.Given(Request.Create().WithPath("/jwks").UsingGet())
            .RespondWith(Response.Create().WithCallback(_ => Json(200, new { keys = _publishedKeys.Select(TestKeys.PublicJwk) })));
        Server.Given(Request.Create().WithPath("/token").UsingPost())
            .RespondWith(Response.Create().WithCallback(Token));
        Server.Given(Request.Create().WithPath("/userinfo").UsingGet())
            .RespondWith(Response.Create().WithCallback(UserInfo));
        Server.Given(Request.Create().WithPath("/revoke").UsingPost())
            .RespondWith(Response.Create().WithCallback(Revoke));
    }

    private ResponseMessage Token(IRequestMessage request)
    {
        var form = QueryHelpers.ParseQuery(request.Body ?? "");
        if (!Authenticated(request, form))
        {
            return Json(401, new { error = "invalid_client" });
        }
        if (form["grant_type"] == "refresh_token")
        {
            return Refresh(form["refresh_token"].ToString());
        }
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var issued))
        {
            return Json(400, new { error = "invalid_grant" });
        }
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (challenge != issued.CodeChallenge)
        {
            return Json(400, new { error = "invalid_grant", error_description = "PKCE verification failed" });
        }

        var grant = issued.Grant;
        if (grant.TokenStatus != 200)
        {
            return Json(grant.TokenStatus, new { error = "invalid_grant" });
        }
        _accessTokens[grant.AccessToken] = grant;
        if (grant.RawTokenResponse is not null)
        {
            return Raw(grant.RawTokenResponse);
        }
        var response = new Dictionary<string, object>
        {
            ["access_token"] = grant.AccessToken,
            ["token_type"] = "Bearer",
            ["scope"] = "openid profile email",
        };
        if (grant.ExpiresIn > 0)
        {
            response["expires_in"] = grant.ExpiresIn;
        }
        if (grant.RefreshToken is not null)
        {
            response["refresh_token"] = grant.RefreshToken;
            _refreshTokens[grant.RefreshToken] = grant;
        }
        if (!grant.OmitIdToken)
        {
            response["id_token"] = IdToken(grant, issued.Nonce);
        }
        if (grant.TokenResponsePadding > 0)
        {
            response["padding"] = new string('x', grant.TokenResponsePadding);
        }
        foreach (var (name, value) in grant.TokenResponseMembers)
        {
            response[name] = value;
        }
        return Json(200, response);
    }

    /// <summary>A refresh grant: a new access token and, when rotating, a new refresh token (the old one dies).</summary>
    private ResponseMessage Refresh(string refreshToken)
    {
        Interlocked.Increment(ref _refreshGrants);
        Thread.Sleep(RefreshDelay);
        if (RefreshStatus != 200)
        {
            return Json(RefreshStatus, new { error = "server_error" });
        }
        if (!_refreshTokens.TryRemove(refreshToken, out var grant))
        {
            return Json(400, new { error = "invalid_grant" });
        }
        var accessToken = "access-" + Guid.NewGuid().ToString("N") + new string('g', RefreshedAccessTokenPadding);
        var nextRefreshToken = RotateRefreshTokens ? "refresh-" + Guid.NewGuid().ToString("N") : refreshToken;
        _accessTokens[accessToken] = grant;
        _refreshTokens[nextRefreshToken] = grant;
        var response = new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
        };
        if (grant.ExpiresIn > 0)
        {
            response["expires_in"] = grant.ExpiresIn;
        }
        if (RotateRefreshTokens)
        {
            response["refresh_token"] = nextRefreshToken;
        }
        if (IdTokenOnRefresh)
        {
            response["id_token"] = IdToken(grant, nonce: null);
        }
        foreach (var (name, value) in grant.TokenResponseMembers)
        {
            response[name] = value;
        }
        return Json(200, response);
    }

    private string IdToken(Grant grant, string? nonce)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var payload = new Dictionary<string, object>
        {
            ["iss"] = IdTokenIssuer ?? Issuer,
            ["aud"] = ClientId,
            ["sub"] = grant.Subject,
            ["iat"] = now,
            ["exp"] = now + 3600,
            ["at_hash"] = "unused-at-hash",
        };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }
        foreach (var (name, value) in grant.Claims)
        {
            payload[name] = value;
        }
        grant.ChangeIdToken?.Invoke(payload);
        return grant.CreateIdToken?.Invoke(payload) ?? CreateIdToken(payload, grant.SigningKey ?? SigningKey);
    }

    private ResponseMessage UserInfo(IRequestMessage request)
    {
        var token = Header(request, "Authorization")?.Replace("Bearer ", "", StringComparison.Ordinal);
        if (token is null || !_accessTokens.TryGetValue(token, out var grant))
        {
            return Json(401, new { error = "invalid_token" });
        }
        if (grant.UserInfoStatus != 200)
        {
            return Json(grant.UserInfoStatus, new { error = "server_error" });
        }
        if (grant.RawUserInfo is not null)
        {
            return Raw(grant.RawUserInfo);
        }
        return Json(200, grant.UserInfo ?? new Dictionary<string, object> { ["sub"] = grant.Subject });
    }

    private ResponseMessage Revoke(IRequestMessage request)
    {
        var form = QueryHelpers.ParseQuery(request.Body ?? "");
        if (!Authenticated(request, form))
        {
            return Json(401, new { error = "invalid_client" });
        }
        if (RevocationStatus != 200)
        {
            return Json(RevocationStatus, new { error = "server_error" });
        }
        RevokedTokens.Enqueue(form["token"].ToString());
        return Json(200, new { });
    }

    private bool Authenticated(IRequestMessage request, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        if (Header(request, "Authorization") is { } header && header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            TokenClientAuthentications.Enqueue("basic");
            return Uri.UnescapeDataString(credentials[0]) == ClientId && ClientSecretCheck(Uri.UnescapeDataString(credentials[1]));
        }
        if (form.ContainsKey("client_assertion"))
        {
            TokenClientAuthentications.Enqueue("private_key_jwt");
            return form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                && !form.ContainsKey("client_secret")
                && ValidAssertion(form["client_assertion"].ToString());
        }
        if (!form.ContainsKey("client_secret"))
        {
            TokenClientAuthentications.Enqueue("none");
            return AcceptPublicClients && form["client_id"] == ClientId && Header(request, "Authorization") is null;
        }
        TokenClientAuthentications.Enqueue("post");
        PostedClientSecrets.Enqueue(form["client_secret"].ToString());
        return form["client_id"] == ClientId && ClientSecretCheck(form["client_secret"].ToString());
    }

    /// <summary>RFC 7523 §3: signed with the registered key, iss = sub = client ID, aud = the token endpoint, a new jti, a short exp.</summary>
    private bool ValidAssertion(string assertion)
    {
        if (ClientAssertionKey is null)
        {
            return false;
        }
        var result = new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKey = ClientAssertionKey,
            ValidIssuer = ClientId,
            ValidAudience = Issuer + "/token",
            ValidateLifetime = false, // checked below against the test's clock
        }).GetAwaiter().GetResult();
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return false;
        }
        var now = _time.GetUtcNow().UtcDateTime;
        var valid = token.Subject == ClientId
            && token.Id is { Length: > 0 } jti && _assertionIds.TryAdd(jti, 0)
            && token.ValidTo > now && token.ValidTo <= now.AddMinutes(5);
        if (valid)
        {
            ClientAssertions.Enqueue(token);
        }
        return valid;
    }

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static ResponseMessage Json(int status, object body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = JsonSerializer.Serialize(body), DetectedBodyType = BodyType.String },
    };

    private static ResponseMessage Raw(string body) => new()
    {
        StatusCode = 200,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
    };

    public void Dispose() => Server.Stop();

    private sealed record IssuedCode(Grant Grant, string Nonce, string CodeChallenge);
}
