using AuthApi.Sessions;
using Microsoft.Extensions.Primitives;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// The session read's first look into the Cookie header: one plain value by its exact name; a quoted one left to the
/// framework; the name twice, or beside a look-alike, trusted in neither.
/// </summary>
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
        Assert.Equal(CookieHeader.Lookup.Single, CookieHeader.Find(new StringValues(header), "authapi.session", out var value));
        Assert.Equal(expected, value.ToString());
    }

    [Fact]
    public void LooksIntoEveryCookieHeader()
    {
        var headers = new StringValues(["a=1", "authapi.session=abc"]);

        Assert.Equal(CookieHeader.Lookup.Single, CookieHeader.Find(headers, "authapi.session", out var value));
        Assert.Equal("abc", value.ToString());
    }

    [Fact]
    public void MatchesThePrefixedName()
    {
        Assert.Equal(CookieHeader.Lookup.Single, CookieHeader.Find(new StringValues("a=1; __Host-authapi.session=abc"), "__Host-authapi.session", out var value));
        Assert.Equal("abc", value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("authapi.tokens=abc")]
    [InlineData("authapi.sessionC1=abc")]
    public void FindsNothingWithoutTheName(params string[] headers) =>
        Assert.Equal(CookieHeader.Lookup.Absent, CookieHeader.Find(new StringValues(headers), "authapi.session", out _));

    [Fact]
    public void LeavesAQuotedValueToTheFramework() =>
        Assert.Equal(CookieHeader.Lookup.Unusual, CookieHeader.Find(new StringValues("authapi.session=\"abc\""), "authapi.session", out _));

    [Theory]
    [InlineData("authapi.session=abc; authapi.session=def")]
    [InlineData("a=1; authapi.session=abc", "b=2; authapi.session=def")]
    [InlineData("authapi.session=abc; AUTHAPI.session=def")]
    [InlineData("Authapi.Session=def; authapi.session=abc")]
    [InlineData("authapi.session=abc; __Host-authapi.session=def")]
    [InlineData("__host-authapi.session=def")]
    [InlineData("__SECURE-AUTHAPI.SESSION=def")]
    public void TrustsNeitherValueOfANameGivenTwiceOrBesideALookAlike(params string[] headers) =>
        Assert.Equal(CookieHeader.Lookup.Ambiguous, CookieHeader.Find(new StringValues(headers), "authapi.session", out _));
}
