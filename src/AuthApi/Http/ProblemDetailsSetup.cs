using AuthApi.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuthApi.Http;

/// <summary>Every error as Problem Details with an <c>errorCode</c> (a small page for a browser's navigation), and never a stack trace.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddAuthProblemDetails(this IServiceCollection services)
    {
        // Before the framework's JSON writer, which takes every request it can: the first writer that can, writes.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, HtmlProblemWriter>());
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.Remove("exception");
            context.ProblemDetails.Extensions.TryAdd("errorCode", DefaultErrorCode(context.ProblemDetails.Status));
        });
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        return services;
    }

    private static string DefaultErrorCode(int? status) => status switch
    {
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
        >= 400 and < 500 => ErrorCodes.InvalidRequest,
        _ => ErrorCodes.InternalError,
    };

    /// <summary>Answers unexpected exceptions with a bare 500 problem; bad requests the framework rejects with 400.</summary>
    private sealed class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var badRequest = exception is BadHttpRequestException;
            if (!badRequest)
            {
                logger.UnhandledException(context.Request.Method, context.Request.Path, exception);
            }
            context.Response.StatusCode = badRequest ? ((BadHttpRequestException)exception).StatusCode : StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = context.Response.StatusCode,
                    Title = badRequest ? "Bad request" : "Unexpected error",
                    Detail = badRequest ? "The request could not be read." : "The service failed; the error is logged.",
                    Extensions = { ["errorCode"] = badRequest ? ErrorCodes.InvalidRequest : ErrorCodes.InternalError },
                },
            });
        }
    }
}
