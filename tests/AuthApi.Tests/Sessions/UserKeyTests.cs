using AuthApi.Sessions;

namespace AuthApi.Tests.Sessions;

/// <summary>Who a session belongs to, and the key of their session list: one user, one key, whatever colons issuer and sub hold.</summary>
public sealed class UserKeyTests
{
    [Fact]
    public void AnIssuerAndSubSplitElsewhereAtAColonAreAnotherUsersKey()
    {
        var first = new UserKey("test", "https://idp.example:8443", "a:b").SessionsKey;
        var second = new UserKey("test", "https://idp.example:8443:a", "b").SessionsKey;

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("accounts.google.com", "https://accounts.google.com")]
    [InlineData("https://accounts.google.com", "https://accounts.google.com")]
    [InlineData("https://login.example/tenant/v2.0", "https://login.example/tenant/v2.0")]
    public void AnIssuerWithoutASchemeIsItsHttpsUrl(string iss, string issuer) => Assert.Equal(issuer, UserKey.IssuerOf(iss));
}
