using AuthApi.Endpoints;

namespace AuthApi;

/// <summary>The request pipeline and every endpoint: <c>app.MapAuthApi()</c>.</summary>
public static class AuthApiPipeline
{
    public static WebApplication MapAuthApi(this WebApplication app)
    {
        // Every answer is per-user and must never be cached by a browser or proxy.
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                ((HttpResponse)state).Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();

        app.MapLoginApi();
        app.MapMeApi();
        app.MapTokensApi();
        app.MapLogoutApi();
        app.MapProvidersApi();
        app.MapHealthApi();

        // The demo page is for trying the service by hand and for the browser tests; real deployments bring their own frontend.
        if (app.Environment.IsDevelopment())
        {
            app.MapDemoApi();
        }

        app.MapOpenApi();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "AuthApi v1");
            ui.RoutePrefix = "swagger";
        });
        return app;
    }
}
