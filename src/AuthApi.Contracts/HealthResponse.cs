using System.Text.Json.Serialization;

namespace AuthApi.Contracts;

/// <summary><c>GET /healthz</c> and <c>GET /readyz</c>.</summary>
/// <param name="Status"><c>alive</c>, <c>ready</c> or <c>not_ready</c>.</param>
/// <param name="Providers">For <c>/readyz</c>: each provider's metadata state, <c>ready</c> or <c>unavailable</c>.</param>
public sealed record HealthResponse(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Providers = null);
