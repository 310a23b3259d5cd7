using AuthApi;

var builder = WebApplication.CreateBuilder(args);

// Configure AuthApi: services, the configuration check (one line per problem, then exit), the pipeline and endpoints
await using var app = builder.BuildAuthApi();
if (app is null)
{
    return 1;
}

// Start; a port already in use ends here with one line naming it
if (!await app.TryStartAsync(setting: "--urls"))
{
    return 1;
}
await app.WaitForShutdownAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
