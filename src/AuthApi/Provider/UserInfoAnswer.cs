using System.Text.Json;

namespace AuthApi.Provider;

/// <summary>
/// What the userinfo endpoint answered: its claims, or a problem for the log. An invalid answer (not one JSON
/// object) fails the login; an unavailable endpoint does not, since the ID token already says who the user is.
/// </summary>
internal sealed record UserInfoAnswer(Dictionary<string, JsonElement>? Claims, string? Problem, bool IsInvalid)
{
    public static UserInfoAnswer Read(Dictionary<string, JsonElement> claims) => new(claims, null, false);

    public static UserInfoAnswer Invalid(string problem) => new(null, problem, true);

    public static UserInfoAnswer Unavailable(string problem) => new(null, problem, false);
}
