namespace AuthApi.Tests.Infrastructure;

public static class Kestrel
{
    /// <summary>
    /// Serves the app on real Kestrel (which enforces header limits and ASCII headers, unlike the in-memory server) and
    /// returns a browser for it. The factory's own Kestrel client follows redirects whatever its options say, so this one is built by hand.
    /// </summary>
    public static HttpClient StartOnKestrel(this TestApp app)
    {
        app.Factory.UseKestrel(0);
        app.Factory.StartServer();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        return new HttpClient(handler) { BaseAddress = app.Factory.ClientOptions.BaseAddress };
    }
}
