namespace AuthApi.Provider;

/// <summary>
/// A multi-tenant issuer: metadata whose <c>issuer</c> holds the placeholder <c>{tenantid}</c> (Microsoft Entra ID's
/// <c>common</c> and <c>organizations</c> endpoints). Each token's issuer is that template with the token's own tenant, and
/// the tenant must be one of <c>Auth:Providers:{name}:AllowedTenants</c> (<c>*</c> allows any).
/// </summary>
internal static class TenantIssuer
{
    public const string Placeholder = "{tenantid}";
    public const string AnyTenant = "*";

    public static bool IsTemplate(string issuer) => issuer.Contains(Placeholder, StringComparison.Ordinal);

    /// <summary>
    /// True when the template's issuer belongs to the metadata URL's authority: the same URL with one path segment (such as
    /// <c>common</c>) where the template has <c>{tenantid}</c> (OpenID Connect Discovery 1.0 §4.3, extended by one segment).
    /// </summary>
    public static bool MatchesAuthority(string template, string authority) =>
        TenantOf(template, authority.TrimEnd('/')) is not null || TenantOf(template.TrimEnd('/'), authority.TrimEnd('/')) is not null;

    /// <summary>True when <paramref name="issuer"/> is the template filled with <paramref name="tenant"/>, an allowed tenant.</summary>
    public static bool IsAllowed(string template, string issuer, string? tenant, IReadOnlyList<string> allowedTenants) =>
        !string.IsNullOrEmpty(tenant)
        && string.Equals(issuer, template.Replace(Placeholder, tenant, StringComparison.Ordinal), StringComparison.Ordinal)
        && (allowedTenants.Contains(AnyTenant) || allowedTenants.Contains(tenant, StringComparer.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="issuer"/> is the template filled with an allowed tenant (for RFC 9207's <c>iss</c>).</summary>
    public static bool IsAllowed(string template, string issuer, IReadOnlyList<string> allowedTenants) =>
        IsAllowed(template, issuer, TenantOf(template, issuer), allowedTenants);

    /// <summary>The one path segment of <paramref name="value"/> standing where the template has the placeholder, or null.</summary>
    private static string? TenantOf(string template, string value)
    {
        var at = template.IndexOf(Placeholder, StringComparison.Ordinal);
        var prefix = template.AsSpan(0, at);
        var suffix = template.AsSpan(at + Placeholder.Length);
        if (value.Length <= prefix.Length + suffix.Length
            || !value.AsSpan().StartsWith(prefix, StringComparison.Ordinal)
            || !value.AsSpan().EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }
        var tenant = value[prefix.Length..^suffix.Length];
        return tenant.AsSpan().IndexOfAny('/', '?', '#') < 0 ? tenant : null;
    }
}
