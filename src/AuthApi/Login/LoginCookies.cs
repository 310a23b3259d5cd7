using AuthApi.Security;
using AuthApi.Sessions;

namespace AuthApi.Login;

/// <summary>
/// Correlation cookies: one per started login, so logins begun in two tabs both finish. A login cookie is
/// never chunked, and the pending ones are capped in number and bytes, so no link (however long its
/// <c>returnUrl</c>, however often followed) can grow a browser's Cookie header past a proxy's limit.
/// </summary>
internal sealed class LoginCookies(CookieJar jar)
{
    public const string CookiePrefix = "authapi.login.";
    private const string Purpose = "AuthApi.Login.v1";

    /// <summary>Most logins one browser may have pending; starting another forgets the oldest.</summary>
    public const int MaxPending = 5;

    /// <summary>Most bytes the pending login cookies may take together, well under a proxy's 8 KB header line.</summary>
    public const int MaxPendingBytes = 6 * 1024;

    /// <summary>
    /// Writes the login's cookie, first deleting the oldest pending ones beyond <see cref="MaxPending"/> or
    /// <see cref="MaxPendingBytes"/>. False (and nothing written) when the login does not fit one cookie.
    /// </summary>
    /// <param name="crossSite">
    /// The provider posts the browser back (form_post): a cross-site POST carries only a <c>SameSite=None; Secure</c> cookie.
    /// </param>
    public bool TryWrite(HttpContext context, LoginTransaction transaction, DateTimeOffset expires, bool crossSite = false)
    {
        var value = jar.Protect(transaction, Purpose, LoginCookieJson.Compact.LoginTransaction);
        DeleteOldestPending(context, value.Length);
        return jar.TryWriteSingle(context, CookieName(transaction.State), value, expires, crossSite);
    }

    /// <summary>The login this state belongs to, whether it matched, or nothing when no cookie is there for it.</summary>
    public LoginLookup Find(HttpContext context, string? state)
    {
        if (!IsWellFormed(state))
        {
            return LoginLookup.Missing;
        }
        var transaction = jar.Read(context, CookieName(state), Purpose, LoginCookieJson.Compact.LoginTransaction);
        if (transaction is null)
        {
            return LoginLookup.Missing;
        }
        return new LoginLookup(transaction, Secrets.FixedTimeEquals(state, transaction.State));
    }

    /// <param name="crossSite">The cookie was written <c>SameSite=None; Secure</c>: its deletion says so too.</param>
    public void Delete(HttpContext context, string state, bool crossSite = false) => jar.Delete(context, CookieName(state), crossSite);

    private void DeleteOldestPending(HttpContext context, int newBytes)
    {
        var pending = jar.BaseNamesStartingWith(context, CookiePrefix)
            .Select(name => (Name: name, Bytes: context.Request.Cookies[jar.NameFor(name)]?.Length ?? 0))
            .ToList();
        var count = pending.Count;
        var bytes = pending.Sum(cookie => cookie.Bytes);
        if (count < MaxPending && bytes + newBytes <= MaxPendingBytes)
        {
            return; // the usual case: no cookie needs decrypting to find the oldest
        }
        foreach (var oldest in pending.OrderBy(cookie => jar.Read(context, cookie.Name, Purpose, LoginCookieJson.Compact.LoginTransaction)?.CreatedAt ?? DateTimeOffset.MinValue))
        {
            if (count < MaxPending && bytes + newBytes <= MaxPendingBytes)
            {
                break;
            }
            jar.Delete(context, oldest.Name);
            count--;
            bytes -= oldest.Bytes;
        }
    }

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
