using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApi.DevIdentityProvider;

/// <summary>Registers AuthApi as a confidential client at startup.</summary>
internal sealed class ClientRegistration(IServiceProvider services, IOptions<DevIdentityProviderOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var settings = options.Value;
        if (await applications.FindByClientIdAsync(settings.ClientId, cancellationToken) is not null)
        {
            return;
        }

        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = settings.ClientId,
            ClientSecret = settings.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "AuthApi",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var redirectUri in RedirectUris(settings))
        {
            // AuthApi uses its callback for both: the return after logout comes back without a code.
            client.RedirectUris.Add(redirectUri);
            client.PostLogoutRedirectUris.Add(redirectUri);
        }
        await applications.CreateAsync(client, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<Uri> RedirectUris(DevIdentityProviderOptions settings)
    {
        var uris = settings.RedirectUris.ToList();
        if (settings.AuthApiUrl.Length > 0)
        {
            uris.Add(settings.AuthApiUrl.TrimEnd('/') + "/oauth2callback");
        }
        return uris.Distinct().Select(uri => new Uri(uri));
    }
}
