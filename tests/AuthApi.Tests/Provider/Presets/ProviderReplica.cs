using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthApi.Tests.Provider.Presets;

/// <summary>
/// A real provider's published discovery document (<c>Documents/{name}.json</c>) served by a <see cref="TestProvider"/>:
/// every https host is rewritten to the WireMock server and every path kept. The issuer's host becomes <c>localhost</c>, every
/// other host (Google's googleapis.com, Cognito's hosted domain, Microsoft Graph) <c>127.0.0.1</c>, so a URL built on the wrong
/// host shows. The service is configured as the README tells a user: <c>Kind</c>, the metadata URL and the client credentials.
/// </summary>
public sealed partial class ProviderReplica : IAsyncDisposable
{
    private const string WellKnown = "/.well-known/openid-configuration";
    private const string TenantPlaceholder = "{tenantid}";

    private readonly string _issuerHost;
    private readonly string _issuerBase;
    private readonly string _otherBase;

    private ProviderReplica(TestProvider provider, string document, string? authorityPath)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Provider", "Presets", "Documents", document + ".json")))!.AsObject();
        _issuerHost = new Uri(json["issuer"]!.GetValue<string>().Replace(TenantPlaceholder, "t", StringComparison.Ordinal)).Authority;
        _issuerBase = provider.Issuer;
        _otherBase = _issuerBase.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        Assert.NotEqual(_issuerBase, _otherBase);
        Document = (JsonObject)Rewrite(json)!;
        Issuer = Text("issuer")!;
        MetadataUrl = _issuerBase + (authorityPath ?? new Uri(Issuer).AbsolutePath.TrimEnd('/')) + WellKnown;

        provider.ServeDocument(new Uri(MetadataUrl).AbsolutePath, Document.ToJsonString());
        provider.ServeEndpointsAt(PathOf("token_endpoint")!, PathOf("userinfo_endpoint"), PathOf("revocation_endpoint"), PathOf("jwks_uri")!);
        provider.IdTokenIssuer = Issuer;
        provider.IdTokenOnRefresh = true; // every one of these providers answers a refresh with a new ID token too
    }

    public TestApp App { get; private set; } = null!;

    /// <summary>The document as served: the provider's own, hosts rewritten.</summary>
    public JsonObject Document { get; }

    /// <summary>The rewritten issuer (a template with <c>{tenantid}</c> for a multi-tenant document).</summary>
    public string Issuer { get; }

    public string MetadataUrl { get; }

    public TestProvider Provider => App.Provider;

    /// <summary>
    /// Starts the provider of <paramref name="document"/> and AuthApi configured for it as provider <paramref name="name"/>:
    /// <c>Kind</c>, <c>ServerMetadataUrl</c> (at <paramref name="authorityPath"/>, by default the issuer's) and the client credentials.
    /// </summary>
    public static ProviderReplica Start(string document, string kind, string? name = null, string? authorityPath = null, Action<Dictionary<string, string?>>? configure = null)
    {
        ProviderReplica? replica = null;
        name ??= kind;
        var app = new TestApp((provider, settings) =>
        {
            replica = new ProviderReplica(provider, document, authorityPath);
            foreach (var key in settings.Keys.Where(key => key.StartsWith($"Auth:Providers:{AuthApiFactory.ProviderName}:", StringComparison.Ordinal)).ToList())
            {
                settings.Remove(key);
            }
            settings[$"Auth:Providers:{name}:Kind"] = kind;
            settings[$"Auth:Providers:{name}:ServerMetadataUrl"] = replica.MetadataUrl;
            settings[$"Auth:Providers:{name}:ClientId"] = TestProvider.ClientId;
            settings[$"Auth:Providers:{name}:ClientSecret"] = TestProvider.ClientSecret;
            configure?.Invoke(settings);
        });
        replica!.App = app;
        return replica;
    }

    /// <summary>A URL of the real provider as the replica serves it.</summary>
    public string Url(string realUrl) => RealUrl().Replace(realUrl, match =>
        (match.Groups["host"].Value == _issuerHost ? _issuerBase : _otherBase) + match.Groups["path"].Value);

    /// <summary>A string member of the served document, or null when the provider's document has none.</summary>
    public string? Text(string member) => Document[member]?.GetValue<string>();

    /// <summary>The path of a URL member of the served document.</summary>
    public string? PathOf(string member) => Text(member) is { } url ? new Uri(url.Replace(TenantPlaceholder, "t", StringComparison.Ordinal)).AbsolutePath : null;

    /// <summary>The form bodies of the refresh grants the token endpoint received.</summary>
    public IReadOnlyList<Dictionary<string, string>> RefreshGrantRequests =>
        [.. Provider.TokenRequestBodies.Select(Form).Where(form => form.GetValueOrDefault("grant_type") == "refresh_token")];

    /// <summary>Logs in at <c>/login</c> and comes back with a code for <paramref name="grant"/>; returns the authorization URL.</summary>
    public async Task<Uri> LoginAsync(HttpClient browser, Grant grant, string? extraQuery = null)
    {
        var authorizationUrl = await browser.StartLoginAsync();
        var callback = await App.CompleteLoginAsync(browser, authorizationUrl, grant, extraQuery);
        Assert.Equal("/", callback.Headers.Location?.OriginalString);
        return authorizationUrl;
    }

    /// <summary>Lets the access token expire and asks for the tokens, which refreshes them; returns the new access token.</summary>
    public async Task<string> RefreshAfterAsync(HttpClient browser, TimeSpan wait)
    {
        App.Time.Advance(wait);
        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");
        return tokens.GetProperty("access").GetString()!;
    }

    /// <summary>Exactly one refresh grant reached the token endpoint, with the login's refresh token and no secret in the body (Basic).</summary>
    public void AssertOneRefreshGrant(Grant grant, string refreshedAccessToken)
    {
        Assert.NotEqual(grant.AccessToken, refreshedAccessToken);
        var refresh = Assert.Single(RefreshGrantRequests);
        Assert.Equal(grant.RefreshToken, refresh["refresh_token"]);
        Assert.False(refresh.ContainsKey("client_secret"));
    }

    /// <summary>The session's ID token, as <c>/me/tokens</c> exposes it.</summary>
    public static async Task<string> IdTokenAsync(HttpClient browser) =>
        (await browser.GetFromJsonAsync<JsonElement>("/me/tokens")).GetProperty("id").GetString()!;

    public static async Task<JsonElement> MeAsync(HttpClient browser)
    {
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        return me;
    }

    /// <summary><c>POST /logout</c>'s <c>logoutUrl</c>.</summary>
    public static async Task<Uri> LogoutAsync(HttpClient browser)
    {
        var response = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logoutUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("logoutUrl").GetString()!;
        Assert.False(await browser.IsLoggedInAsync());
        return new Uri(logoutUrl, UriKind.RelativeOrAbsolute);
    }

    /// <summary>The authorization URL is the document's endpoint with exactly the code flow's parameters and <paramref name="extra"/>.</summary>
    public void AssertAuthorizationUrl(Uri authorizationUrl, string scope, params (string Name, string Value)[] extra)
    {
        Assert.Equal(Text("authorization_endpoint"), authorizationUrl.GetLeftPart(UriPartial.Path));
        var query = authorizationUrl.Query();
        var expected = new SortedSet<string>(["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method"]);
        expected.UnionWith(extra.Select(parameter => parameter.Name));
        Assert.Equal(expected, new SortedSet<string>(query.Keys));
        Assert.Equal(TestProvider.ClientId, query["client_id"]);
        Assert.Equal(AuthApiFactory.RedirectUri, query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(scope, query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].Length);
        foreach (var (name, value) in extra)
        {
            Assert.Equal(value, query[name]);
        }
    }

    /// <summary>A logout URL at <paramref name="endpoint"/> whose query is exactly <paramref name="parameters"/>, name by name and value by value.</summary>
    public static void AssertLogoutUrl(Uri logoutUrl, string endpoint, IReadOnlyDictionary<string, string> parameters)
    {
        Assert.Equal(endpoint, logoutUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal(parameters.OrderBy(pair => pair.Key), logoutUrl.Query().OrderBy(pair => pair.Key));
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    private static Dictionary<string, string> Form(string body) =>
        QueryHelpers.ParseQuery(body).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());

    private JsonNode? Rewrite(JsonNode? node) => node switch
    {
        JsonObject members => new JsonObject(members.Select(member => KeyValuePair.Create(member.Key, Rewrite(member.Value)))),
        JsonArray items => new JsonArray([.. items.Select(Rewrite)]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Url(text)),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex("^https://(?<host>[^/]+)(?<path>.*)$")]
    private static partial Regex RealUrl();
}
