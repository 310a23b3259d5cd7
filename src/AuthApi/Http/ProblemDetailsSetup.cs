using System.Globalization;
using AuthApi.Contracts;
using AuthApi.Logging;
using AuthApi.Redis;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>
    /// Answers Redis being away with 503 <c>session_store_unavailable</c> and <c>Retry-After</c> (never a false "logged out", which would
    /// send an SPA into a login loop), other unexpected exceptions with a bare 500 problem, and bad requests the framework rejects with 400.
    /// </summary>
    private sealed class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var problem = exception switch
            {
                BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "Bad request", "The request could not be read.", ErrorCodes.InvalidRequest),
                _ when RedisFailure.Is(exception) => SessionStoreUnavailable(context, exception),
                _ => Unexpected(context, exception),
            };
            context.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        }

        private ProblemDetails SessionStoreUnavailable(HttpContext context, Exception exception)
        {
            logger.SessionStoreUnavailable(context.Request.Method, context.Request.Path.Value, exception.GetType().Name);
            context.Response.Headers.RetryAfter = RetryAfterResult.SecondsOf(AuthProblems.SessionStoreRetryAfter).ToString(CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status503ServiceUnavailable, "Session store unavailable",
                "Redis, where sessions live, cannot be reached now; the session is not lost. Retry after the seconds in Retry-After.", ErrorCodes.SessionStoreUnavailable);
        }

        private ProblemDetails Unexpected(HttpContext context, Exception exception)
        {
            logger.UnhandledException(context.Request.Method, context.Request.Path.Value, exception);
            return Problem(StatusCodes.Status500InternalServerError, "Unexpected error", "The service failed; the error is logged.", ErrorCodes.InternalError);
        }

        private static ProblemDetails Problem(int status, string title, string detail, string errorCode) => new()
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = { ["errorCode"] = errorCode },
        };
    }
}
