using System.Text.Json.Serialization;

namespace Baseline;

/// <summary>What <c>/me</c> answers: anonymous as <c>{"isLoggedIn": false}</c>, otherwise the user and all of the cookie's claims.</summary>
internal sealed record MeResponse(
    bool IsLoggedIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sub,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, object>? Claims);

/// <summary>What the bare <c>/healthz</c> answers: a constant, as AuthApi's does.</summary>
internal sealed record HealthResponse(string Status);

/// <summary>What the upstream's <c>/upstream/hello</c> answers when a bearer token arrived.</summary>
internal sealed record UpstreamResponse(string Message, bool Bearer);
