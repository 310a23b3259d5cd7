using System.Text.Json;
using System.Text.Json.Serialization;
using AuthApi.Login;

namespace AuthApi.Sessions;

/// <summary>Source-generated JSON for what the cookies carry: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UserSession))]
[JsonSerializable(typeof(SessionTokens))]
[JsonSerializable(typeof(LoginTransaction))]
internal sealed partial class CookiePayloadJson : JsonSerializerContext;
