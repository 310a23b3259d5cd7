using System.Security.Cryptography;
using System.Text;
using AuthApi.Sessions;

namespace AuthApi.Login;

/// <summary>Correlation cookies: one per started login, so logins begun in two tabs both finish.</summary>
internal sealed class LoginCookies(CookieJar jar)
{
    public const string CookiePrefix = "authapi.login.";
    private const string Purpose = "AuthApi.Login.v1";

    /// <summary>
    /// Most logins one browser may have pending. Abandoned logins would otherwise pile up cookies
    /// until the Cookie header passes a proxy's limit and every request is refused.
    /// </summary>
    public const int MaxPending = 5;

    /// <summary>Writes the login's cookie, first deleting the oldest pending ones beyond <see cref="MaxPending"/>.</summary>
    public void Write(HttpContext context, LoginTransaction transaction, DateTimeOffset expires)
    {
        var pending = CookieJar.BaseNamesStartingWith(context, CookiePrefix);
        if (pending.Count >= MaxPending)
        {
            var oldestFirst = pending.OrderBy(name => jar.Read(context, name, Purpose, CookiePayloadJson.Default.LoginTransaction)?.CreatedAt ?? DateTimeOffset.MinValue);
            foreach (var name in oldestFirst.Take(pending.Count - MaxPending + 1))
            {
                jar.Delete(context, name);
            }
        }
        jar.Write(context, CookieName(transaction.State), jar.Protect(transaction, Purpose, CookiePayloadJson.Default.LoginTransaction), expires);
    }

    /// <summary>The login this state belongs to, whether it matched, or nothing when no cookie is there for it.</summary>
    public LoginLookup Find(HttpContext context, string? state)
    {
        if (!IsWellFormed(state))
        {
            return LoginLookup.Missing;
        }
        var transaction = jar.Read(context, CookieName(state), Purpose, CookiePayloadJson.Default.LoginTransaction);
        if (transaction is null)
        {
            return LoginLookup.Missing;
        }
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(transaction.State), Encoding.UTF8.GetBytes(state));
        return new LoginLookup(transaction, matches);
    }

    public void Delete(HttpContext context, string state) => jar.Delete(context, CookieName(state));

    /// <summary>States this service issues are base64url; anything else cannot name a cookie.</summary>
    private static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? state) =>
        state is { Length: >= 16 and <= 128 } && state.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string CookieName(string state) => CookiePrefix + LoginTransaction.KeyOf(state);
}

/// <summary>The result of looking up a callback's state: <see cref="Transaction"/> is null when no login cookie was found.</summary>
internal sealed record LoginLookup(LoginTransaction? Transaction, bool StateMatches)
{
    public static readonly LoginLookup Missing = new(null, false);
}
