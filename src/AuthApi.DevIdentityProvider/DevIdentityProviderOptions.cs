using System.Security.Cryptography;
using System.Text;

namespace AuthApi.DevIdentityProvider;

/// <summary>The <c>DevIdentityProvider</c> section: the seeded users and the one registered client.</summary>
public sealed class DevIdentityProviderOptions
{
    public const string SectionName = "DevIdentityProvider";

    /// <summary>Where this process also runs AuthApi, configured for this provider. Empty runs the provider alone.</summary>
    public string AuthApiUrl { get; set; } = "http://localhost:8080";

    /// <summary>The client AuthApi logs in as.</summary>
    public string ClientId { get; set; } = "authapi-dev";

    /// <summary>Its secret: a development value, never used outside this machine.</summary>
    public string ClientSecret { get; set; } = "authapi-dev-secret-not-for-production";

    /// <summary>Redirect URIs registered for the client, besides <c>{AuthApiUrl}/oauth2callback</c>.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>
    /// How long a rotated refresh token may still be used (concurrent refreshes); a later use is taken for theft and
    /// revokes every token of the login, as real providers do. Defaults to 30 seconds, OpenIddict's default.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The users the login page lists.</summary>
    public List<DevUser> Users { get; set; } = [];

    /// <summary>The user a <c>login_hint</c> names, by subject or (ignoring case) by email; null for no hint or an unknown one.</summary>
    public DevUser? FindByLoginHint(string? hint) =>
        string.IsNullOrEmpty(hint)
            ? null
            : Users.FirstOrDefault(user => user.Subject == hint) ?? Users.FirstOrDefault(user => string.Equals(user.Email, hint, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A seeded user. Groups are returned by userinfo only, so a large set does not bloat the ID token.</summary>
public sealed class DevUser
{
    public string Subject { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public List<string> Groups { get; set; } = [];

    /// <summary>
    /// Adds groups <c>group-001-…</c> up to this count: a large identity without a long configuration file. Each name ends in a
    /// fixed random-looking suffix, as real group IDs do, so the session's compression cannot fold them away.
    /// </summary>
    public int GeneratedGroupCount { get; set; }

    public IEnumerable<string> AllGroups() =>
        Groups.Concat(Enumerable.Range(1, GeneratedGroupCount).Select(GeneratedGroup));

    private static string GeneratedGroup(int number)
    {
        var name = $"group-{number:000}";
        return $"{name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0, 8)}";
    }
}
