namespace AuthApi.Tests.Infrastructure;

/// <summary>What the test provider answers for one authorization code: the user and any misbehaviour under test.</summary>
public sealed record Grant
{
    public string Subject { get; init; } = "user-1";

    /// <summary>User claims put into the ID token besides the protocol ones.</summary>
    public Dictionary<string, object> Claims { get; init; } = new()
    {
        ["name"] = "Ada Lovelace",
        ["email"] = "ada@example.com",
    };

    /// <summary>Changes the ID token's payload (set or remove claims) before signing.</summary>
    public Action<Dictionary<string, object>>? ChangeIdToken { get; init; }

    /// <summary>Replaces the ID token entirely (e.g. an unsigned or HMAC-signed one).</summary>
    public Func<Dictionary<string, object>, string>? CreateIdToken { get; init; }

    /// <summary>Signs the ID token with this key instead of the provider's current one.</summary>
    public Microsoft.IdentityModel.Tokens.SecurityKey? SigningKey { get; init; }

    public bool OmitIdToken { get; init; }

    public int TokenStatus { get; init; } = 200;

    /// <summary>A token endpoint body sent as-is (status 200), for malformed answers.</summary>
    public string? RawTokenResponse { get; init; }

    /// <summary>A userinfo body sent as-is (status 200), for malformed answers.</summary>
    public string? RawUserInfo { get; init; }

    /// <summary>Characters of an extra member that makes a valid token response this much larger.</summary>
    public int TokenResponsePadding { get; init; }

    public string AccessToken { get; init; } = "access-" + Guid.NewGuid().ToString("N");

    public string? RefreshToken { get; init; } = "refresh-" + Guid.NewGuid().ToString("N");

    /// <summary>The token responses' <c>expires_in</c>; 0 leaves it out (Salesforce).</summary>
    public int ExpiresIn { get; init; } = 3600;

    /// <summary>Members the token responses (code and refresh grants) carry besides the standard ones (Salesforce's <c>instance_url</c>).</summary>
    public Dictionary<string, object> TokenResponseMembers { get; init; } = [];

    /// <summary>Userinfo claims; null answers with just the grant's sub.</summary>
    public Dictionary<string, object>? UserInfo { get; init; }

    public int UserInfoStatus { get; init; } = 200;
}
