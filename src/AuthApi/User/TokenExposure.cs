using AuthApi.Contracts;
using AuthApi.Options;
using AuthApi.Sessions;
using Microsoft.Extensions.Options;

namespace AuthApi.User;

/// <summary>Decides which of a session's tokens <c>/me/tokens</c> hands to the browser.</summary>
internal sealed class TokenExposure(IOptions<AuthOptions> options)
{
    /// <summary>Only the kinds <c>Auth:ExposeTokens</c> names; a refresh token needs a second, explicit opt-in.</summary>
    public TokensResponse Expose(UserSession session, SessionTokens tokens)
    {
        var exposed = options.Value.ExposeTokens;
        var access = exposed.Contains("access");
        return new TokensResponse
        {
            Id = exposed.Contains("id") ? session.IdToken.ToCompact() : null,
            Access = access ? tokens.AccessToken : null,
            AccessTokenExpiresAt = access ? tokens.AccessTokenExpiresAt : null,
            TokenType = access ? tokens.TokenType : null,
            Scope = access ? tokens.Scope : null,
            Refresh = exposed.Contains("refresh") && options.Value.ExposeRefreshToken ? tokens.RefreshToken : null,
        };
    }
}
