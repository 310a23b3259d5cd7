using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthApi.Client;

/// <summary>
/// Source-generated JSON for the response records, with the service's web defaults (camelCase): no reflection,
/// so the client also works trimmed and ahead-of-time compiled (MAUI, Native AOT).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(TokensResponse))]
[JsonSerializable(typeof(LogoutResponse))]
[JsonSerializable(typeof(LoginUrlResponse))]
[JsonSerializable(typeof(IReadOnlyList<ProviderInfo>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class AuthApiJsonContext : JsonSerializerContext;
