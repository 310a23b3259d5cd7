using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AuthApi.Http;

/// <summary>Declares an endpoint's error answers (read by the OpenAPI document).</summary>
internal static class ErrorCodeResponses
{
    /// <summary>A Problem Details response and the <c>errorCode</c> values it can carry.</summary>
    public static RouteHandlerBuilder ProducesErrorCodes(this RouteHandlerBuilder builder, int statusCode, params string[] errorCodes) =>
        builder
            .ProducesProblem(statusCode)
            .WithMetadata(new ErrorCodesMetadata(statusCode, errorCodes));

    /// <summary>A Problem Details response with one <c>errorCode</c> whose body this endpoint shapes itself, shown by this example.</summary>
    public static RouteHandlerBuilder ProducesErrorCode(this RouteHandlerBuilder builder, int statusCode, string errorCode, ProblemHttpResult example) =>
        builder
            .ProducesProblem(statusCode)
            .WithMetadata(new ErrorCodesMetadata(statusCode, [errorCode], example.ProblemDetails));

    /// <summary>The response with this status carries <c>Retry-After</c>, typically this long.</summary>
    public static RouteHandlerBuilder ProducesRetryAfter(this RouteHandlerBuilder builder, int statusCode, TimeSpan typicalWait) =>
        builder.WithMetadata(new RetryAfterMetadata(statusCode, RetryAfterResult.SecondsOf(typicalWait)));
}

/// <summary>The <c>errorCode</c> values an endpoint answers with a given status, and its own example body when it has one.</summary>
internal sealed record ErrorCodesMetadata(int StatusCode, IReadOnlyList<string> ErrorCodes, ProblemDetails? Example = null);

/// <summary>The response with <see cref="StatusCode"/> carries <c>Retry-After</c>; <see cref="TypicalSeconds"/> is its usual value.</summary>
internal sealed record RetryAfterMetadata(int StatusCode, int TypicalSeconds);
