using AuthApi.Provider;

namespace AuthApi.Tests.Provider;

/// <summary>The multi-tenant issuer template: one tenant segment where the template has <c>{tenantid}</c>, nothing more.</summary>
public sealed class TenantIssuerTests
{
    private const string Template = "https://login.example.com/{tenantid}/v2.0";

    [Theory]
    [InlineData("https://login.example.com/common/v2.0", true)]
    [InlineData("https://login.example.com/organizations/v2.0/", true)]
    [InlineData("https://login.example.com/a/b/v2.0", false)]
    [InlineData("https://login.example.com//v2.0", false)]
    [InlineData("https://login.example.com/common/v1.0", false)]
    [InlineData("https://evil.example/common/v2.0", false)]
    [InlineData("https://login.example.com.evil.example/common/v2.0", false)]
    public void TheTemplateBelongsToAnAuthorityWithOneTenantSegmentInItsPlace(string authority, bool matches)
    {
        Assert.Equal(matches, TenantIssuer.MatchesAuthority(Template, authority));
    }

    [Theory]
    [InlineData("https://login.example.com/t1/v2.0", "t1", true)]
    [InlineData("https://login.example.com/T1/v2.0", "T1", true)]
    [InlineData("https://login.example.com/t2/v2.0", "t2", false)]
    [InlineData("https://login.example.com/t1/v2.0", "t2", false)]
    [InlineData("https://login.example.com/t1/v2.0/", "t1", false)]
    [InlineData("https://login.example.com/t1/v2.0", null, false)]
    [InlineData("https://login.example.com/t1/v2.0", "", false)]
    public void AnIssuerIsTheTemplateFilledWithItsOwnAllowedTenant(string issuer, string? tenant, bool allowed)
    {
        Assert.Equal(allowed, TenantIssuer.IsAllowed(Template, issuer, tenant, ["t1"]));
    }

    [Fact]
    public void StarAllowsAnyTenantButStillNeedsTheTemplatesShape()
    {
        Assert.True(TenantIssuer.IsAllowed(Template, "https://login.example.com/t9/v2.0", "t9", ["*"]));
        Assert.False(TenantIssuer.IsAllowed(Template, "https://evil.example/t9/v2.0", "t9", ["*"]));
        Assert.False(TenantIssuer.IsAllowed(Template, "https://login.example.com/t9/x/v2.0", ["*"]));
    }
}
