using AuthApi;
using AuthApi.Options;
using AuthApi.DevIdentityProvider;

// The development identity provider, and AuthApi configured for it: one command, a working login.
var builder = WebApplication.CreateBuilder(args);

// Configure the seeded users and the client from devidentityprovider.json; environment and command line override it
builder.AddDevSettings();

// Configure the OpenID provider: OpenIddict, the seeded users, the AuthApi client
builder.AddDevIdentityProvider();

var provider = builder.Build();
provider.MapDevIdentityProvider();

// Configure AuthApi beside it, unless DevIdentityProvider:AuthApiUrl is empty
var authApi = AuthApiBeside.Create(provider);
if (authApi is null)
{
    await provider.RunAsync();
    return 0;
}
if (!authApi.Services.HasValidAuthConfiguration())
{
    return 1;
}
authApi.MapAuthApi();

await provider.StartAsync();
await authApi.StartAsync();
Console.WriteLine($"AuthApi with the development identity provider: open {authApi.Urls.First()}/");
await Task.WhenAll(provider.WaitForShutdownAsync(), authApi.WaitForShutdownAsync());
return 0;
