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

    /// <summary>The userinfo claims; invalid when a successful answer is not one JSON object, unavailable when the call failed.</summary>
    public async Task<UserInfoAnswer> GetUserInfoAsync(string endpoint, string accessToken, CancellationToken cancellationToken)
    {
        UserInfoResponse response;
        try
        {
            response = await ProviderHttpClient.TimeoutAsError(cancellationToken, () => Client().GetUserInfoAsync(new UserInfoRequest { Address = endpoint, Token = accessToken }, cancellationToken));
        }
        catch (InvalidOperationException)
        {
            return UserInfoAnswer.Invalid("the body is JSON but not an object"); // the library reads claims from it and throws
        }
        if (response.HttpResponse is not { IsSuccessStatusCode: true })
        {
            return UserInfoAnswer.Unavailable($"{response.ErrorType} {(int)response.HttpStatusCode}");
        }
        return response.Json is { } json && JsonObjects.TryReadMembers(json) is { } claims
            ? UserInfoAnswer.Read(claims)
            : UserInfoAnswer.Invalid("the body is not one JSON object without repeated members");
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
