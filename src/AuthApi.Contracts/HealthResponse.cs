using System.Text.Json.Serialization;

namespace AuthApi.Contracts;

/// <summary><c>GET /healthz</c> and <c>GET /readyz</c>.</summary>
/// <param name="Status"><c>alive</c>, <c>ready</c> or <c>not_ready</c>.</param>
/// <param name="Providers">For <c>/readyz</c>: each provider's state, <c>ready</c> (a provider that is not makes <c>/readyz</c> a 503 Problem Details naming the cause).</param>
/// <param name="Redis">For <c>/readyz</c> with <c>Auth:Redis</c>: <c>ready</c> (an unreachable Redis makes <c>/readyz</c> a 503); absent without Redis.</param>
public sealed record HealthResponse(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Providers = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Redis = null);
