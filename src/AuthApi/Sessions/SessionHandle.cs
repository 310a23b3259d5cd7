namespace AuthApi.Sessions;

/// <summary>What the cookie of a server-side session holds, sealed with Data Protection: only the session's ID.</summary>
internal sealed record SessionHandle(string Id);
