using AuthApi.Options;
using AuthApi.Provider;
using Duende.IdentityModel.Client;

namespace AuthApi.Logout;

/// <summary>
/// The URL of a logout at the provider: OpenID Connect RP-Initiated Logout 1.0, or the logout a provider has instead
/// (Amazon Cognito's <c>/logout</c>, an older Auth0 tenant's <c>/v2/logout</c>).
/// </summary>
internal static class EndSessionUrl
{
    private const string ClientId = "client_id";

    /// <summary>The provider's logout URL for this session, or null when the provider has no logout to send the browser to.</summary>
    /// <param name="postLogoutRedirectUri">Where the provider sends the browser afterwards; registered there.</param>
    public static string? For(ProviderOptions provider, ProviderMetadata? metadata, string postLogoutRedirectUri, string? idToken)
    {
        if (!provider.UseEndSessionEndpoint)
        {
            return null;
        }
        // The configured endpoint wins: it is there because the document lacks one, or names the wrong one.
        var endpoint = provider.EndSessionEndpoint ?? metadata?.EndSessionEndpoint ?? KnownEndpoint(provider, metadata);
        if (endpoint is null)
        {
            return null;
        }
        var parameters = new Parameters(provider.EndSessionParameters) { { ClientId, provider.ClientId } };
        var url = new RequestUrl(endpoint);
        switch (provider.Kind)
        {
            case ProviderKinds.Cognito:
                // Cognito's logout takes logout_uri (an allowed sign-out URL) with client_id, and no id_token_hint.
                parameters.Add("logout_uri", postLogoutRedirectUri);
                return url.Create(parameters);
            case ProviderKinds.Auth0 when IsAuth0V2Logout(endpoint):
                // Auth0's /v2/logout takes returnTo (an allowed logout URL) with client_id.
                parameters.Add("returnTo", postLogoutRedirectUri);
                return url.Create(parameters);
            default:
                return url.CreateEndSessionUrl(idTokenHint: idToken, postLogoutRedirectUri: postLogoutRedirectUri, extra: parameters);
        }
    }

    /// <summary>Where a provider's logout is when its discovery document does not say.</summary>
    private static string? KnownEndpoint(ProviderOptions provider, ProviderMetadata? metadata) => (provider.Kind, metadata) switch
    {
        // Older Auth0 tenants publish no end_session_endpoint; their logout is /v2/logout beside the issuer.
        (ProviderKinds.Auth0, { Issuer: var issuer }) => issuer.TrimEnd('/') + "/v2/logout",
        // Older Cognito pools publish none either; the logout is on the domain of the hosted sign-in pages.
        (ProviderKinds.Cognito, { AuthorizationEndpoint: var authorize }) => new Uri(new Uri(authorize), "/logout").AbsoluteUri,
        _ => null,
    };

    private static bool IsAuth0V2Logout(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.AbsolutePath.TrimEnd('/').EndsWith("/v2/logout", StringComparison.Ordinal);
}
