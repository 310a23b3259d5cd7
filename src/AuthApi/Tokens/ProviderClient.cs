using System.Text.Json;
using AuthApi.Discovery;
using AuthApi.Options;
using Duende.IdentityModel.Client;

namespace AuthApi.Tokens;

/// <summary>The back-channel calls to a provider, made with Duende.IdentityModel: code exchange, userinfo, revocation.</summary>
internal sealed class ProviderClient(IHttpClientFactory httpClientFactory)
{
    public Task<TokenResponse> ExchangeCodeAsync(ProviderMetadata metadata, ProviderOptions provider, string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken) =>
        ProviderHttpClient.TimeoutAsError(cancellationToken, () => Client().RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = metadata.TokenEndpoint,
            ClientId = provider.ClientId,
            ClientSecret = provider.ClientSecret,
            ClientCredentialStyle = CredentialStyle(provider),
            Code = code,
            CodeVerifier = codeVerifier,
            RedirectUri = redirectUri,
        }, cancellationToken));

    public Task<TokenResponse> RefreshAsync(ProviderMetadata metadata, ProviderOptions provider, string refreshToken, CancellationToken cancellationToken) =>
        ProviderHttpClient.TimeoutAsError(cancellationToken, () => Client().RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = metadata.TokenEndpoint,
            ClientId = provider.ClientId,
            ClientSecret = provider.ClientSecret,
            ClientCredentialStyle = CredentialStyle(provider),
            RefreshToken = refreshToken,
        }, cancellationToken));

    /// <summary>The userinfo claims, or null when the endpoint failed or answered something other than a JSON object.</summary>
    public async Task<Dictionary<string, JsonElement>?> GetUserInfoAsync(string endpoint, string accessToken, CancellationToken cancellationToken)
    {
        UserInfoResponse response;
        try
        {
            response = await ProviderHttpClient.TimeoutAsError(cancellationToken, () => Client().GetUserInfoAsync(new UserInfoRequest { Address = endpoint, Token = accessToken }, cancellationToken));
        }
        catch (InvalidOperationException)
        {
            return null; // the library reads claims from the body and throws when it is JSON but not an object
        }
        if (response.IsError || response.Json is not { ValueKind: JsonValueKind.Object } json)
        {
            return null;
        }
        return json.EnumerateObject().ToDictionary(claim => claim.Name, claim => claim.Value.Clone(), StringComparer.Ordinal);
    }

    public Task<TokenRevocationResponse> RevokeRefreshTokenAsync(string endpoint, ProviderOptions provider, string refreshToken, CancellationToken cancellationToken) =>
        ProviderHttpClient.TimeoutAsError(cancellationToken, () => Client().RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = endpoint,
            ClientId = provider.ClientId,
            ClientSecret = provider.ClientSecret,
            ClientCredentialStyle = CredentialStyle(provider),
            Token = refreshToken,
            TokenTypeHint = "refresh_token",
        }, cancellationToken));

    private HttpClient Client() => httpClientFactory.CreateClient(ProviderHttpClient.Name);

    private static ClientCredentialStyle CredentialStyle(ProviderOptions provider) =>
        provider.TokenEndpointAuthMethod == ProviderOptions.ClientSecretPost
            ? ClientCredentialStyle.PostBody
            : ClientCredentialStyle.AuthorizationHeader;
}
