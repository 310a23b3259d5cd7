using System.Text.Json;
using AuthApi.Options;
using Duende.IdentityModel.Client;

namespace AuthApi.Provider;

/// <summary>The back-channel calls to a provider, made with Duende.IdentityModel: code exchange, refresh, userinfo, revocation.</summary>
internal sealed class ProviderClient(IHttpClientFactory httpClientFactory, ClientAuthentication clientAuthentication, ILogger<ProviderClient> logger)
{
    /// <summary>Why a token, refresh or revocation answer in JSON is refused: the message of the <see cref="InvalidDataException"/> it becomes.</summary>
    public const string UnusableAnswer = "the body is JSON but not one object of valid UTF-16 text";

    /// <summary>Why a token or refresh answer's access token is refused (the message of the <see cref="InvalidDataException"/> it becomes).</summary>
    public const string UnusableAccessToken = "the access token is not 1*VSCHAR (RFC 6749 Appendix A.12), so no Authorization header can carry it";

    public Task<TokenResponse> ExchangeCodeAsync(string providerName, ProviderMetadata metadata, ProviderOptions provider, string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken) =>
        Authenticated(providerName, metadata, provider, ProviderCall.Mark(new AuthorizationCodeTokenRequest
        {
            Address = metadata.TokenEndpoint,
            Code = code,
            CodeVerifier = codeVerifier,
            RedirectUri = redirectUri,
        }, providerName, ProviderCall.Token), request => Client().RequestAuthorizationCodeTokenAsync(request, cancellationToken), cancellationToken);

    public Task<TokenResponse> RefreshAsync(string providerName, ProviderMetadata metadata, ProviderOptions provider, string refreshToken, CancellationToken cancellationToken) =>
        Authenticated(providerName, metadata, provider, ProviderCall.Mark(new RefreshTokenRequest
        {
            Address = metadata.TokenEndpoint,
            RefreshToken = refreshToken,
        }, providerName, ProviderCall.Refresh), request => Client().RequestRefreshTokenAsync(request, cancellationToken), cancellationToken);

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

    public Task<TokenRevocationResponse> RevokeRefreshTokenAsync(string providerName, ProviderMetadata metadata, string endpoint, ProviderOptions provider, string refreshToken, CancellationToken cancellationToken) =>
        Authenticated(providerName, metadata, provider, ProviderCall.Mark(new TokenRevocationRequest
        {
            Address = endpoint,
            Token = refreshToken,
            TokenTypeHint = "refresh_token",
        }, providerName, ProviderCall.Revocation), request => Client().RevokeTokenAsync(request, cancellationToken), cancellationToken);

    private HttpClient Client() => httpClientFactory.CreateClient(ProviderHttpClient.Name);

    /// <summary>
    /// The one place a request gets the client's credentials (<see cref="ClientAuthentication"/>): token, refresh and revocation
    /// requests all authenticate the same way. A client that cannot authenticate fails without calling the provider.
    /// </summary>
    private async Task<TResponse> Authenticated<TRequest, TResponse>(string providerName, ProviderMetadata metadata, ProviderOptions provider, TRequest request, Func<TRequest, Task<TResponse>> call, CancellationToken cancellationToken)
        where TRequest : ProtocolRequest
        where TResponse : ProtocolResponse, new()
    {
        if (!clientAuthentication.TryApply(providerName, provider, metadata, request, out var problem))
        {
            logger.ClientAuthenticationUnavailable(providerName, problem!);
            return ProtocolResponse.FromException<TResponse>(new InvalidOperationException(problem));
        }
        var response = await ProviderHttpClient.TimeoutAsError(cancellationToken, () => call(request));
        return response switch
        {
            // The library's accessors (IsError, AccessToken, ExpiresIn) throw on JSON that is no object or holds a lone surrogate.
            { Json: { } json } when json.ValueKind != JsonValueKind.Object || !JsonObjects.HasValidText(json) =>
                ProtocolResponse.FromException<TResponse>(new InvalidDataException(UnusableAnswer)),
            // A CR, LF or NUL in a header value throws before the request is sent (to userinfo, to an API through the proxy).
            TokenResponse { AccessToken: { } accessToken } when accessToken.AsSpan().ContainsAnyExceptInRange(' ', '~') =>
                ProtocolResponse.FromException<TResponse>(new InvalidDataException(UnusableAccessToken)),
            _ => response,
        };
    }
}
