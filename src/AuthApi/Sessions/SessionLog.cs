using System.Security.Cryptography;
using System.Text;

namespace AuthApi.Sessions;

/// <summary>The log lines of the session stores. None carries a session ID, cookie, token or claim value.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 88, EventName = "SessionOverUserLimitEnded", Level = LogLevel.Information, Message = "Ended session {SessionHash} of provider {Provider}, last seen {LastSeenAt:u}: its user logged in once more with Auth:Session:MaxPerUser ({MaxPerUser}) sessions, and the least recently seen ends first")]
    public static partial void SessionOverUserLimitEnded(this ILogger logger, string sessionHash, string provider, DateTimeOffset lastSeenAt, int maxPerUser);

    /// <summary>How a log line names a session: the first 16 hex digits of the SHA-256 of its ID (which <c>/me/sessions</c> lists).</summary>
    public static string IdHash(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)))[..16];
}
