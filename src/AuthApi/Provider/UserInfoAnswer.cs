using System.Text.Json;

namespace AuthApi.Provider;

/// <summary>
/// What the userinfo endpoint answered: its claims, or a problem for the log. An endpoint that refuses, fails or answers
/// something other than one JSON object without repeated members gives no claims, and the login goes on with the ID token's.
/// </summary>
internal sealed record UserInfoAnswer(Dictionary<string, JsonElement>? Claims, string? Problem)
{
    public static UserInfoAnswer Read(Dictionary<string, JsonElement> claims) => new(claims, null);

    public static UserInfoAnswer Unusable(string problem) => new(null, problem);
}
