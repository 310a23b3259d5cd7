namespace AuthApi.OpenApi;

/// <summary>The interactive API page at <c>/swagger</c>, reading the served document.</summary>
internal static class SwaggerUiSetup
{
    // A fetch that follows /login's 302 to the provider is refused by the browser ("Failed to fetch"): ask for the JSON answer.
    // The document's own fetch comes through here too, without a method.
    private const string LoginAsksForJson = """
        (request) => {
          if ((request.method || 'GET').toUpperCase() === 'GET' && new URL(request.url, window.location.href).pathname.endsWith('/login')) {
            request.headers['Accept'] = 'application/json';
          }
          return request;
        }
        """;

    public static IApplicationBuilder UseAuthApiSwaggerUi(this IApplicationBuilder app) =>
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "AuthApi v1");
            ui.RoutePrefix = "swagger";
            ui.UseRequestInterceptor(LoginAsksForJson);
        });
}
