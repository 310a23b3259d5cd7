using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthApi.Sessions;

/// <summary>Source-generated JSON for what the session cookies carry: no reflection on the hot path.</summary>
[JsonSerializable(typeof(UserSession))]
[JsonSerializable(typeof(SessionTokens))]
[JsonSerializable(typeof(SessionHandle))]
[JsonSerializable(typeof(RefreshedTokens))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class SessionCookieJson : JsonSerializerContext
{
    public static SessionCookieJson Compact { get; } = new(CookieJar.PayloadJsonOptions());
}
