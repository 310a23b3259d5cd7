namespace AuthApi.Options;

/// <summary>One OpenID provider: <c>Auth:Providers:{name}</c>.</summary>
public sealed class ProviderOptions
{
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";
    public const string PublicClient = "none";

    /// <summary>The values <see cref="TokenEndpointAuthMethod"/> may take.</summary>
    public static readonly IReadOnlyList<string> TokenEndpointAuthMethods = [ClientSecretBasic, ClientSecretPost, PrivateKeyJwt, PublicClient];

    public const string QueryResponseMode = "query";
    public const string FormPostResponseMode = "form_post";

    /// <summary>The values <see cref="ResponseMode"/> may take.</summary>
    public static readonly IReadOnlyList<string> ResponseModes = [QueryResponseMode, FormPostResponseMode];

    /// <summary>Hosts a provider may be reached on over plain http (development providers on this machine).</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "::1"];

    /// <summary>Algorithms accepted for ID token signatures unless <see cref="IdTokenSigningAlgorithms"/> says otherwise: asymmetric only.</summary>
    public static readonly IReadOnlyList<string> DefaultIdTokenSigningAlgorithms =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>
    /// Which provider this is, for its documented defaults (<see cref="ProviderPresets"/>): <c>generic</c>, <c>google</c>,
    /// <c>entra</c>, <c>okta</c>, <c>auth0</c>, <c>cognito</c>, <c>keycloak</c>, <c>apple</c> or <c>salesforce</c>. Every key set
    /// in configuration wins over its preset. Defaults to <c>generic</c> (no preset).
    /// </summary>
    public string Kind { get; set; } = ProviderKinds.Generic;

    /// <summary>The provider's <c>.well-known/openid-configuration</c> URL (https, except on loopback). Required.</summary>
    public string ServerMetadataUrl { get; set; } = "";

    /// <summary>The client ID registered at the provider. Required.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>
    /// The client secret registered at the provider. Required unless the client authenticates with <c>private_key_jwt</c>, is
    /// public (<c>none</c>) or is Apple's (<see cref="AppleKeyPath"/>).
    /// </summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Scopes requested. Defaults to <c>openid profile email</c>.</summary>
    public string Scope { get; set; } = "openid profile email";

    /// <summary>Name shown on login buttons. Defaults to the provider's name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Extra authorize parameters sent on every login (e.g. <c>prompt</c>, <c>hd</c>). Defaults to none.</summary>
    public Dictionary<string, string> AuthorizeParameters { get; set; } = [];

    /// <summary>
    /// How token, refresh and revocation requests authenticate: <c>client_secret_basic</c>, <c>client_secret_post</c>,
    /// <c>private_key_jwt</c> or <c>none</c>. Defaults to the first of basic, post and private_key_jwt that the provider's
    /// <c>token_endpoint_auth_methods_supported</c> lists and this client has credentials for (basic when the list is absent).
    /// </summary>
    public string? TokenEndpointAuthMethod { get; set; }

    /// <summary>
    /// How the provider sends the browser back: <c>query</c> (a GET with the code in the query) or <c>form_post</c> (a POST of
    /// a form, OAuth 2.0 Form Post Response Mode; Apple needs it to send the user's name, which makes its login cookie
    /// <c>SameSite=None; Secure</c>). Defaults to <c>query</c>.
    /// </summary>
    public string ResponseMode { get; set; } = QueryResponseMode;

    /// <summary>True when the provider posts its answer to the redirect URI (<see cref="ResponseMode"/> <c>form_post</c>).</summary>
    public bool UsesFormPost => ResponseMode == FormPostResponseMode;

    /// <summary>PEM (RSA or EC P-256, PKCS#8, PKCS#1 or SEC1) or JWK file with the private key of <c>private_key_jwt</c>. Defaults to none.</summary>
    public string? ClientAssertionKeyPath { get; set; }

    /// <summary>The <c>kid</c> of client assertions, as registered at the provider. Defaults to the JWK's <c>kid</c>, else none.</summary>
    public string? ClientAssertionKeyId { get; set; }

    /// <summary>Sign in with Apple: the team ID, issuer of the client secret JWT. Defaults to none.</summary>
    public string? AppleTeamId { get; set; }

    /// <summary>Sign in with Apple: the ID of the key in <see cref="AppleKeyPath"/>, the JWT's <c>kid</c>. Defaults to none.</summary>
    public string? AppleKeyId { get; set; }

    /// <summary>Sign in with Apple: the <c>.p8</c> file (PKCS#8 EC P-256) the client secret JWT is signed with. Defaults to none.</summary>
    public string? AppleKeyPath { get; set; }

    /// <summary>True when Apple's client secret JWT is configured (all three Apple settings).</summary>
    public bool UsesAppleClientSecret => !string.IsNullOrEmpty(AppleKeyPath);

    /// <summary>
    /// This provider's callback URL, <c>{Auth:RedirectUri}</c> or <c>{Auth:RedirectUri}/{segment}</c>. Defaults to
    /// <c>Auth:RedirectUri</c> with one provider and <c>{Auth:RedirectUri}/{name}</c> with several.
    /// </summary>
    public string? RedirectUri { get; set; }

    /// <summary>Where the provider sends the user after logout. Defaults to the provider's redirect URI.</summary>
    public string? PostLogoutRedirectUri { get; set; }

    /// <summary>Extra end-session parameters (e.g. <c>logout_hint</c>). Defaults to none.</summary>
    public Dictionary<string, string> EndSessionParameters { get; set; } = [];

    /// <summary>Revoke the refresh token at logout when the provider has a revocation endpoint. Defaults to <c>true</c>.</summary>
    public bool RevokeRefreshTokenOnLogout { get; set; } = true;

    /// <summary>
    /// The provider's logout endpoint, for providers whose discovery document has no <c>end_session_endpoint</c> (older Cognito
    /// pools, Auth0 tenants' <c>/v2/logout</c>); when set it wins over the document. Defaults to the document's
    /// <c>end_session_endpoint</c>, else its <c>ping_end_session_endpoint</c> (PingFederate).
    /// </summary>
    public string? EndSessionEndpoint { get; set; }

    /// <summary>
    /// Where users land after this provider's logout (a local path or a URL on <c>Auth:AllowedOrigins</c>). Defaults to
    /// <c>Auth:PostLogoutReturnUrl</c>.
    /// </summary>
    public string? PostLogoutReturnUrl { get; set; }

    /// <summary>Log out at the provider's <c>end_session_endpoint</c> when it has one. Defaults to <c>true</c>.</summary>
    public bool UseEndSessionEndpoint { get; set; } = true;

    /// <summary>Merge the userinfo endpoint's claims. Defaults to <c>true</c> when the provider has that endpoint.</summary>
    public bool UseUserInfo { get; set; } = true;

    /// <summary>
    /// For a multi-tenant issuer (metadata <c>issuer</c> with <c>{tenantid}</c>, e.g. Entra ID's <c>common</c>): the <c>tid</c>
    /// values whose tokens are accepted, or <c>*</c> for any tenant. Defaults to none, which refuses such a provider's metadata.
    /// </summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>
    /// How long an access token lives when the token response has no <c>expires_in</c> and the access token is no JWT with an
    /// <c>exp</c> (Salesforce): it is refreshed before this has passed. Defaults to 1 hour.
    /// </summary>
    public TimeSpan DefaultAccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Accepted ID token algorithms. Defaults to <see cref="DefaultIdTokenSigningAlgorithms"/>; an <c>HS*</c> entry verifies with the client secret.</summary>
    public List<string>? IdTokenSigningAlgorithms { get; set; }

    public IReadOnlyList<string> ResolveIdTokenSigningAlgorithms() =>
        IdTokenSigningAlgorithms is { Count: > 0 } configured ? configured : DefaultIdTokenSigningAlgorithms;

    /// <summary>
    /// The accepted algorithms for a provider whose metadata lists <paramref name="advertised"/>: the configured ones; else
    /// the advertised ones when they are all HMAC (an HS256-only provider signs with the client secret, OIDC Core §10.1);
    /// else <see cref="DefaultIdTokenSigningAlgorithms"/>.
    /// </summary>
    public IReadOnlyList<string> ResolveIdTokenSigningAlgorithms(IReadOnlyList<string> advertised) =>
        IdTokenSigningAlgorithms is { Count: > 0 } configured ? configured
        : advertised.Count > 0 && advertised.All(IsHmac) ? advertised
        : DefaultIdTokenSigningAlgorithms;

    /// <summary>Every accepted algorithm is HMAC: ID tokens are verified with the client secret, and no JWKS is needed.</summary>
    public bool VerifiesWithClientSecretOnly(IReadOnlyList<string> advertised) =>
        ResolveIdTokenSigningAlgorithms(advertised).All(IsHmac);

    public static bool IsHmac(string algorithm) => algorithm is "HS256" or "HS384" or "HS512";
}
