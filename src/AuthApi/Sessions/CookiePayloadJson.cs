using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuthApi.Login;

namespace AuthApi.Sessions;

/// <summary>Source-generated JSON for what the cookies carry: no reflection on the hot path.</summary>
[JsonSerializable(typeof(UserSession))]
[JsonSerializable(typeof(SessionTokens))]
[JsonSerializable(typeof(LoginTransaction))]
internal sealed partial class CookiePayloadJson : JsonSerializerContext
{
    /// <summary>
    /// Without HTML escaping, which a cookie never needs and which grows a backtick or '&lt;' to six bytes:
    /// a return URL full of them would otherwise bloat the login cookie.
    /// </summary>
    public static CookiePayloadJson Compact { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
