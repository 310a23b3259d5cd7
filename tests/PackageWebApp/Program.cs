// Refreshes the tokens of the browser's AuthApi session through AuthApi.Client.AspNetCore, as an app's own endpoint would.
// --AuthApiUrl is AuthApi's address; --CookieForwarding=RequestOnly registers the client the old way (ForwardCookiesFrom),
// which sends the browser's cookies but drops the ones AuthApi sets.
using AuthApi.Client;

var builder = WebApplication.CreateBuilder(args);
var authApiUrl = new Uri(builder.Configuration["AuthApiUrl"] ?? throw new InvalidOperationException("Set --AuthApiUrl to AuthApi's address."));
var requestOnly = builder.Configuration["CookieForwarding"] == "RequestOnly";

builder.Services.AddHttpContextAccessor();
var authApiClient = builder.Services.AddAuthApiClient(options =>
{
    options.BaseAddress = authApiUrl;
    if (requestOnly)
    {
        options.ForwardCookiesFrom(services => services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Request.Headers.Cookie.ToString());
    }
});
if (!requestOnly)
{
    authApiClient.ForwardBrowserCookies();
}

var app = builder.Build();
app.MapGet("/", () => Results.Content("<!doctype html><title>An app beside AuthApi</title><p>An app beside AuthApi.</p>", "text/html"));
app.MapPost("/refresh", async (IAuthApi authApi, CancellationToken cancellationToken) => await authApi.RefreshTokensAsync(cancellationToken));
app.Run();
