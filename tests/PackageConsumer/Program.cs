// Asks AuthApi who is logged in, through the AuthApi.Client package, as the session in AUTHAPI_COOKIE (a Cookie header), if any.
using AuthApi.Client;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var authApiUrl))
{
    Console.Error.WriteLine("usage: PackageConsumer <AuthApi URL>   (the session's Cookie header in AUTHAPI_COOKIE, optional)");
    return 2;
}
// The cookie comes through the environment, not the command line, where other users of the machine could read it.
var cookieHeader = Environment.GetEnvironmentVariable("AUTHAPI_COOKIE");

var services = new ServiceCollection();
services.AddAuthApiClient(options =>
{
    options.BaseAddress = authApiUrl;
    options.ForwardCookiesFrom(_ => cookieHeader);
});
await using var provider = services.BuildServiceProvider();
var authApi = provider.GetRequiredService<IAuthApi>();

var me = await authApi.GetMeAsync();
if (me.IsLoggedIn)
{
    Console.WriteLine($"logged in as {me.Sub}");
    return 0;
}
try
{
    await authApi.GetTokensAsync();
    Console.WriteLine("anonymous, yet /me/tokens answered");
    return 1;
}
catch (AuthApiException error)
{
    Console.WriteLine($"anonymous: {error.ErrorCode}");
    return 0;
}
