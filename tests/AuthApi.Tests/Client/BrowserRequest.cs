using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AuthApi.Tests.Client;

/// <summary>The request an ASP.NET Core app is handling for a browser, made current the way the app's pipeline makes it.</summary>
public static class BrowserRequest
{
    /// <summary>A request carrying the browser's cookies for the service, current for the client's <see cref="IHttpContextAccessor"/>.</summary>
    public static HttpContext Start(ClientUnderTest client, CookieContainer browserCookies, bool responseStarted = false)
    {
        var context = new DefaultHttpContext();
        var cookieHeader = browserCookies.GetCookieHeader(ClientUnderTest.BaseAddress);
        if (cookieHeader.Length > 0)
        {
            context.Request.Headers.Cookie = cookieHeader;
        }
        if (responseStarted)
        {
            context.Features.Set<IHttpResponseFeature>(new StartedResponse());
        }
        client.Services.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        return context;
    }

    /// <summary>What the browser does with the app's answer: keeps every cookie it sets.</summary>
    public static void Receive(this CookieContainer browserCookies, HttpContext answered)
    {
        foreach (var setCookie in answered.Response.Headers.SetCookie)
        {
            browserCookies.SetCookies(ClientUnderTest.BaseAddress, setCookie!);
        }
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
