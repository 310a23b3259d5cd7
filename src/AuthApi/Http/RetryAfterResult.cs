using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApi.Http;

/// <summary>A problem answer with <c>Retry-After</c> (RFC 9110 §10.2.3): how long to wait, as whoever refused knows it.</summary>
internal sealed class RetryAfterResult(ProblemHttpResult problem, TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
{
    public ProblemHttpResult Problem { get; } = problem;

    public int RetryAfterSeconds { get; } = SecondsOf(retryAfter);

    public int? StatusCode => Problem.StatusCode;

    /// <summary>Whole seconds, rounded up: a client waiting this long never comes back too early.</summary>
    public static int SecondsOf(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problem.ExecuteAsync(httpContext);
    }
}

internal static class RetryAfterResults
{
    public static RetryAfterResult WithRetryAfter(this ProblemHttpResult problem, TimeSpan retryAfter) => new(problem, retryAfter);
}
