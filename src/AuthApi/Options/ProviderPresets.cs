namespace AuthApi.Options;

/// <summary>
/// Each <see cref="ProviderKinds"/> value's documented defaults. They are set before the provider's own section is bound,
/// so every key written in configuration wins over its preset.
/// </summary>
internal static class ProviderPresets
{
    private const string OfflineAccess = "offline_access";

    /// <summary>A provider carrying the defaults of <paramref name="kind"/> (none for <c>generic</c> or an unknown kind, which the validator reports).</summary>
    public static ProviderOptions Create(string? kind) => kind?.ToLowerInvariant() switch
    {
        ProviderKinds.Google => new()
        {
            ServerMetadataUrl = "https://accounts.google.com/.well-known/openid-configuration",
            DisplayName = "Google",
        },
        // Entra's userinfo answers only for Microsoft Graph access tokens, and the ID token already has its claims.
        ProviderKinds.Entra => new() { Scope = "openid profile email offline_access", DisplayName = "Microsoft", UseUserInfo = false },
        ProviderKinds.Okta => new() { Scope = "openid profile email offline_access", DisplayName = "Okta" },
        ProviderKinds.Auth0 => new() { Scope = "openid profile email offline_access", DisplayName = "Auth0" },
        ProviderKinds.Cognito => new() { DisplayName = "Amazon Cognito" },
        ProviderKinds.Keycloak => new() { DisplayName = "Keycloak" },
        // Apple sends name and email only to a form_post callback, and takes its client secret JWT only in the form body.
        ProviderKinds.Apple => new()
        {
            ServerMetadataUrl = "https://appleid.apple.com/.well-known/openid-configuration",
            Scope = "openid name email",
            ResponseMode = ProviderOptions.FormPostResponseMode,
            TokenEndpointAuthMethod = ProviderOptions.ClientSecretPost,
            DisplayName = "Apple",
        },
        // Salesforce grants refresh tokens for its refresh_token scope.
        ProviderKinds.Salesforce => new()
        {
            ServerMetadataUrl = "https://login.salesforce.com/.well-known/openid-configuration",
            Scope = "openid profile email refresh_token",
            DisplayName = "Salesforce",
        },
        _ => new(),
    };

    /// <summary>The shape of the metadata URL of a kind whose URL depends on the tenant, for the message when it is missing.</summary>
    public static string? MetadataUrlPattern(string kind) => kind switch
    {
        ProviderKinds.Entra => "https://login.microsoftonline.com/{tenant-id}/v2.0/.well-known/openid-configuration",
        ProviderKinds.Okta => "https://{okta-domain}/oauth2/default/.well-known/openid-configuration",
        ProviderKinds.Auth0 => "https://{tenant}.auth0.com/.well-known/openid-configuration",
        ProviderKinds.Cognito => "https://cognito-idp.{region}.amazonaws.com/{user-pool-id}/.well-known/openid-configuration",
        ProviderKinds.Keycloak => "https://{host}/realms/{realm}/.well-known/openid-configuration",
        _ => null,
    };

    /// <summary>What a preset does to the provider's bound settings, written or defaulted alike.</summary>
    public static void Complete(ProviderOptions provider)
    {
        provider.Kind = provider.Kind.ToLowerInvariant();
        if (provider.Kind == ProviderKinds.Google)
        {
            AskGoogleForRefreshToken(provider);
        }
    }

    /// <summary>
    /// Google refuses the <c>offline_access</c> scope; it grants a refresh token for <c>access_type=offline</c>, and again
    /// after the first consent only with <c>prompt=consent</c>. Configured authorize parameters of those names win.
    /// </summary>
    private static void AskGoogleForRefreshToken(ProviderOptions provider)
    {
        var scopes = provider.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains(OfflineAccess))
        {
            return;
        }
        provider.Scope = string.Join(' ', scopes.Where(scope => scope != OfflineAccess));
        provider.AuthorizeParameters.TryAdd("access_type", "offline");
        provider.AuthorizeParameters.TryAdd("prompt", "consent");
    }
}
