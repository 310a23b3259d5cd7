using AuthApi;
using AuthApi.DevIdentityProvider;
using Microsoft.Extensions.Options;

// The development identity provider, and AuthApi configured for it: one command, a working login.
var builder = WebApplication.CreateBuilder(args);

// Configure the seeded users and the client from devidentityprovider.json; environment and command line override it
builder.AddDevSettings();

// Configure the OpenID provider: OpenIddict, the seeded users, the AuthApi client
builder.AddDevIdentityProvider();

// Configure the start: a port already in use is one line naming it and the setting that moves it, not a stack trace
builder.ReportKnownFailuresInOneLine();

var provider = builder.Build();
provider.MapDevIdentityProvider();

// The provider alone when DevIdentityProvider:AuthApiUrl is empty
var options = provider.Services.GetRequiredService<IOptions<DevIdentityProviderOptions>>().Value;
if (options.AuthApiUrl.Length == 0)
{
    if (!await provider.TryStartAsync(setting: "--urls"))
    {
        return 1;
    }
    await provider.WaitForShutdownAsync();
    return 0;
}

// AuthApi beside it, with AuthApi's own startup and the demo page; a bad configuration stops it, one line per problem
var authApi = AuthApiBeside.Build(provider, options);
if (authApi is null)
{
    return 1;
}

if (!await provider.TryStartAsync(setting: "--urls"))
{
    return 1;
}
if (!await authApi.TryStartAsync(setting: "--DevIdentityProvider:AuthApiUrl"))
{
    await provider.StopAsync();
    return 1;
}
Console.WriteLine($"AuthApi with the development identity provider: open {authApi.Urls.First()}/");
await Task.WhenAll(provider.WaitForShutdownAsync(), authApi.WaitForShutdownAsync());
return 0;
