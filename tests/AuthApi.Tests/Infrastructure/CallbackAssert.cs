namespace AuthApi.Tests.Infrastructure;

public static class CallbackAssert
{
    /// <summary>The callback failed with the code: redirected with auth_error, wrote no session, deleted its login cookie.</summary>
    public static void FailedWith(HttpResponseMessage callback, string errorCode, string returnPath = "/")
    {
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var location = callback.Headers.Location!.OriginalString;
        Assert.StartsWith(returnPath, location);
        Assert.Equal(errorCode, location.Let(url => new Uri(url, UriKind.RelativeOrAbsolute)).Query()["auth_error"]);
        Assert.DoesNotContain(callback.CookiesWritten(), name => name.Contains("authapi.session") || name.Contains("authapi.tokens"));
    }

    public static void DeletedLoginCookie(HttpResponseMessage callback) =>
        Assert.Contains(callback.SetCookies(), cookie => cookie.StartsWith("authapi.login.", StringComparison.Ordinal) && cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

    private static TResult Let<T, TResult>(this T value, Func<T, TResult> map) => map(value);
}
