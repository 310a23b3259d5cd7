using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApi.DevIdentityProvider;

/// <summary>OpenIddict as a complete OpenID provider: code flow with PKCE, refresh, userinfo, end session, revocation.</summary>
public static class ProviderServices
{
    public static WebApplicationBuilder AddDevIdentityProvider(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DevIdentityProviderOptions>().BindConfiguration(DevIdentityProviderOptions.SectionName);
        builder.Services.AddDbContext<DevIdentityDbContext>(options => options
            .UseInMemoryDatabase(nameof(DevIdentityDbContext))
            .UseOpenIddict());
        builder.Services.AddHostedService<ClientRegistration>();

        builder.Services.AddOpenIddict()
            // The in-memory database has no ExecuteUpdate: without this, revoking a reused refresh token's whole chain fails.
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<DevIdentityDbContext>().DisableBulkOperations())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revoke");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess);
                // Certificates kept in the user's store, so tokens (id_token_hint) stay valid across restarts.
                server.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
                // Opaque handles instead of self-contained tokens keep AuthApi's tokens cookie small.
                server.UseReferenceAccessTokens().UseReferenceRefreshTokens();
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // Plain http on loopback: nothing here leaves the machine.
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<DevIdentityProviderOptions>>((server, settings) =>
            server.RefreshTokenReuseLeeway = settings.Value.RefreshTokenReuseLeeway);
        return builder;
    }
}
