using AuthApi.Options;

namespace AuthApi.Tests.Options;

/// <summary><see cref="ReturnUrlValidator.IsLocalPath"/>: what a browser resolves against this site's own origin.</summary>
public sealed class ReturnUrlValidatorTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/home")]
    [InlineData("/a/b?c=d&e=%2F#frag")]
    [InlineData("/%252F/still-a-path")]
    [InlineData("/@evil.com")]
    [InlineData("/a/.well-known/b..c?x=../y")]
    public void LocalPathIsLocal(string url)
    {
        Assert.True(ReturnUrlValidator.IsLocalPath(url));
    }

    [Theory]
    [InlineData("")]
    [InlineData("home")]
    [InlineData("//evil.com")]
    [InlineData("/\\evil.com")]
    [InlineData("\\\\evil.com")]
    [InlineData("/%2F/evil.com")]
    [InlineData("/%2f%2fevil.com")]
    [InlineData("/%5Cevil.com")]
    [InlineData("/%0d%0aSet-Cookie:x=y")]
    [InlineData("/\nx")]
    [InlineData("/\t/evil.com")]
    [InlineData("https://app.example.com/")]
    [InlineData("/.//evil.com")]
    [InlineData("/./\\evil.com")]
    [InlineData("/%2E%2E//evil.com")]
    [InlineData("/a/.")]
    [InlineData("/a/%5C")]
    public void PathLeavingTheSiteOrCarryingControlCharactersIsNotLocal(string url)
    {
        Assert.False(ReturnUrlValidator.IsLocalPath(url));
    }
}
