namespace AuthApi.Client;

/// <summary>The members of AuthApi's Problem Details that <see cref="AuthApiException"/> carries.</summary>
internal sealed record ProblemBody(int? Status, string? ErrorCode, string? Title, string? Detail);
