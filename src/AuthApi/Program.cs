using AuthApi;
using AuthApi.Options;

var builder = WebApplication.CreateBuilder(args);

// Configure AuthApi: options, cookies, discovery, endpoints' services
builder.AddAuthApi();

var app = builder.Build();

// Refuse to start on a bad configuration, one line per problem
if (!app.Services.HasValidAuthConfiguration())
{
    return 1;
}

// Map the pipeline and the endpoints
app.MapAuthApi();

app.Run();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
