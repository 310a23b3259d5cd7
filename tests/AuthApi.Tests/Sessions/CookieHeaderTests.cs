using AuthApi.Sessions;
using Microsoft.Extensions.Primitives;

namespace AuthApi.Tests.Sessions;

/// <summary>The session read's first look into the Cookie header: one plain value by its exact name, anything else left to the framework.</summary>
public sealed class CookieHeaderTests
{
    [Theory]
    [InlineData("authapi.session=abc", "abc")]
    [InlineData("a=1; authapi.session=abc; authapi.tokens=xyz", "abc")]
    [InlineData("a=1;authapi.session=abc;b=2", "abc")]
    [InlineData("  authapi.session=abc  ", "abc")]
    [InlineData("xauthapi.session=evil; authapi.session=abc; authapi.sessionC1=evil", "abc")]
    [InlineData("authapi.session=", "")]
    public void FindsTheValueOfExactlyThatName(string header, string expected)
    {
        Assert.True(CookieHeader.TryFindSingle(new StringValues(header), "", "authapi.session", out var value));
        Assert.Equal(expected, value.ToString());
    }

    [Fact]
    public void LooksIntoEveryCookieHeader()
    {
        var headers = new StringValues(["a=1", "authapi.session=abc"]);

        Assert.True(CookieHeader.TryFindSingle(headers, "", "authapi.session", out var value));
        Assert.Equal("abc", value.ToString());
    }

    [Fact]
    public void MatchesThePrefixedName()
    {
        Assert.True(CookieHeader.TryFindSingle(new StringValues("authapi.session=plain; __Host-authapi.session=abc"), "__Host-", "authapi.session", out var value));
        Assert.Equal("abc", value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("authapi.tokens=abc")]
    [InlineData("authapi.session=abc; authapi.session=def")]
    [InlineData("a=1; authapi.session=abc", "b=2; authapi.session=def")]
    [InlineData("authapi.session=\"abc\"")]
    [InlineData("__Host-authapi.session=abc")]
    public void LeavesMissingRepeatedOrQuotedValuesToTheFramework(params string[] headers)
    {
        Assert.False(CookieHeader.TryFindSingle(new StringValues(headers), "", "authapi.session", out _));
    }
}
