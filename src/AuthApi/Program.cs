using AuthApi;

var builder = WebApplication.CreateBuilder(args);

// Configure AuthApi: services, the configuration check (one line per problem, then exit), the pipeline and endpoints
var app = builder.BuildAuthApi();
if (app is null)
{
    return 1;
}

app.Run();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
