using AuthApi.Options;
using Duende.IdentityModel.Client;

namespace AuthApi.Provider;

/// <summary>The back-channel calls to a provider, made with Duende.IdentityModel: code exchange, refresh, userinfo, revocation.</summary>
internal sealed class ProviderClient(IHttpClientFactory httpClientFactory)
{
    public Task<TokenResponse> ExchangeCodeAsync(string providerName, ProviderMetadata metadata, ProviderOptions provider, string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken) =>
        ProviderHttpClient.TimeoutAsError(cancellationToken, () => Client().RequestAuthorizationCodeTokenAsync(WithClientCredentials(provider, ProviderCall.Mark(new AuthorizationCodeTokenRequest
        {
            Address = metadata.TokenEndpoint,
            Code = code,
            CodeVerifier = codeVerifier,
            RedirectUri = redirectUri,
        }, providerName, ProviderCall.Token)), cancellationToken));

    public Task<TokenResponse> RefreshAsync(string providerName, ProviderMetadata metadata, ProviderOptions provider, string refreshToken, CancellationToken cancellationToken) =>
        ProviderHttpClient.TimeoutAsError(cancellationToken, () => Client().RequestRefreshTokenAsync(WithClientCredentials(provider, ProviderCall.Mark(new RefreshTokenRequest
        {
            Address = metadata.TokenEndpoint,
            RefreshToken = refreshToken,
        }, providerName, ProviderCall.Refresh)), cancellationToken));

    /// <summary>The userinfo claims, or why there are none: the call failed, or its body is not one JSON object without repeated members.</summary>
    public async Task<UserInfoAnswer> GetUserInfoAsync(string providerName, string endpoint, string accessToken, CancellationToken cancellationToken)
    {
        UserInfoResponse response;
        try
        {
            response = await ProviderHttpClient.TimeoutAsError(cancellationToken, () => Client().GetUserInfoAsync(
                ProviderCall.Mark(new UserInfoRequest { Address = endpoint, Token = accessToken }, providerName, ProviderCall.UserInfo), cancellationToken));
        }
        catch (InvalidOperationException)
        {
            return UserInfoAnswer.Unusable("the body is JSON but not an object"); // the library reads claims from it and throws
        }
        if (response.HttpResponse is not { IsSuccessStatusCode: true })
        {
            return UserInfoAnswer.Unusable($"{response.ErrorType} {(int)response.HttpStatusCode}");
        }
        // A repeated member (two subs, say) makes the whole body unusable: a body that reads two ways never contributes a claim.
        return response.Json is { } json && JsonObjects.TryReadMembers(json) is { } claims
            ? UserInfoAnswer.Read(claims)
            : UserInfoAnswer.Unusable("the body is not one JSON object without repeated members");
    }

    public Task<TokenRevocationResponse> RevokeRefreshTokenAsync(string providerName, string endpoint, ProviderOptions provider, string refreshToken, CancellationToken cancellationToken) =>
        ProviderHttpClient.TimeoutAsError(cancellationToken, () => Client().RevokeTokenAsync(WithClientCredentials(provider, ProviderCall.Mark(new TokenRevocationRequest
        {
            Address = endpoint,
            Token = refreshToken,
            TokenTypeHint = "refresh_token",
        }, providerName, ProviderCall.Revocation)), cancellationToken));

    private HttpClient Client() => httpClientFactory.CreateClient(ProviderHttpClient.Name);

    /// <summary>The one place a request gets the client's credentials, sent as <c>TokenEndpointAuthMethod</c> says.</summary>
    private static T WithClientCredentials<T>(ProviderOptions provider, T request) where T : ProtocolRequest
    {
        request.ClientId = provider.ClientId;
        request.ClientSecret = provider.ClientSecret;
        request.ClientCredentialStyle = provider.TokenEndpointAuthMethod == ProviderOptions.ClientSecretPost
            ? ClientCredentialStyle.PostBody
            : ClientCredentialStyle.AuthorizationHeader;
        return request;
    }
}
