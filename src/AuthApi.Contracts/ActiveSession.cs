namespace AuthApi.Contracts;

/// <summary>One of the user's sessions, as <c>GET /me/sessions</c> lists them (server-side sessions only).</summary>
/// <param name="Id">The session's ID: <c>DELETE /me/sessions/{id}</c> ends it.</param>
/// <param name="CreatedAt">When the user logged in.</param>
/// <param name="LastSeenAt">When the session was last used (kept to the minute).</param>
/// <param name="UserAgent">The browser's <c>User-Agent</c> at login, to tell the sessions apart; null when it sent none.</param>
/// <param name="Current">This is the session of the request.</param>
public sealed record ActiveSession(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? UserAgent, bool Current);
