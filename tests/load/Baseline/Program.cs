using Baseline;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);

// Configure cookie authentication exactly as its documentation shows: the default scheme, the default options
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();

// Configure the key ring in a folder, as AuthApi's cookie mode keeps its own; the load script passes a temporary one
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["Baseline:KeysPath"] ?? "keys"));

// Configure the bare YARP route, when the load script names its upstream
builder.Services.AddBaselineProxy(builder.Configuration["Baseline:ProxyDestination"]);

// Configure the upstream's 2 ms wait, a stand-in for an API that queries a database
builder.Services.AddSingleton(new UpstreamWait(TimeSpan.FromMilliseconds(2)));

var app = builder.Build();
app.MapBaselineEndpoints();
app.MapReverseProxy();
app.Run();
