using System.Text.Json.Serialization;
using AuthApi.Sessions;

namespace AuthApi.Login;

/// <summary>Source-generated JSON for what a login cookie carries.</summary>
[JsonSerializable(typeof(LoginTransaction))]
internal sealed partial class LoginCookieJson : JsonSerializerContext
{
    public static LoginCookieJson Compact { get; } = new(CookieJar.PayloadJsonOptions());
}
