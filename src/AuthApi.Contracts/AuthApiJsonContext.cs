using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthApi.Contracts;

/// <summary>
/// Source-generated JSON for the response records, with the service's web defaults (camelCase), so a client reads
/// them without reflection (Refit turns reflection-based JSON off with a context).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(TokensResponse))]
[JsonSerializable(typeof(LogoutResponse))]
[JsonSerializable(typeof(LoginUrlResponse))]
[JsonSerializable(typeof(IReadOnlyList<ProviderInfo>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(IReadOnlyList<ActiveSession>))]
public sealed partial class AuthApiJsonContext : JsonSerializerContext;
