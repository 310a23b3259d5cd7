namespace AuthApi.Tests.Proxy;

/// <summary>Configuration and requests shared by the proxy tests.</summary>
internal static class ProxyWorld
{
    /// <summary>Adds the route <paramref name="name"/> to the settings.</summary>
    public static void AddRoute(this Dictionary<string, string?> settings, string name, string path, string destination, string? token = null, bool? removePrefix = null, string? timeout = null)
    {
        settings[$"Auth:Proxy:Routes:{name}:Path"] = path;
        settings[$"Auth:Proxy:Routes:{name}:Destination"] = destination;
        if (token is not null)
        {
            settings[$"Auth:Proxy:Routes:{name}:Token"] = token;
        }
        if (removePrefix is not null)
        {
            settings[$"Auth:Proxy:Routes:{name}:RemovePrefix"] = removePrefix.Value ? "true" : "false";
        }
        if (timeout is not null)
        {
            settings[$"Auth:Proxy:Routes:{name}:Timeout"] = timeout;
        }
    }

    /// <summary>A request as the SPA sends it: with the anti-forgery header unless told otherwise.</summary>
    public static Task<HttpResponseMessage> SendProxiedAsync(this HttpClient browser, string path, bool csrf = true, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (csrf)
        {
            request.Headers.Add("X-CSRF", "1");
        }
        return browser.SendAsync(request);
    }

    /// <summary>
    /// A GET whose request target is sent exactly as written (a browser on Kestrel): the usual <see cref="Uri"/> would turn
    /// '\' into '/' and resolve <c>%2e%2e</c> segments before the request leaves.
    /// </summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient browser, string target, bool csrf = true)
    {
        var url = new Uri(browser.BaseAddress!.GetLeftPart(UriPartial.Authority) + target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (csrf)
        {
            request.Headers.Add("X-CSRF", "1");
        }
        return browser.SendAsync(request);
    }
}
