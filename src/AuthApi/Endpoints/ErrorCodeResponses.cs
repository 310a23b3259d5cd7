namespace AuthApi.Endpoints;

/// <summary>Declares a Problem Details response and the <c>errorCode</c> values it can carry (read by the OpenAPI document).</summary>
internal static class ErrorCodeResponses
{
    public static RouteHandlerBuilder ProducesErrorCodes(this RouteHandlerBuilder builder, int statusCode, params string[] errorCodes) =>
        builder
            .ProducesProblem(statusCode)
            .WithMetadata(new ErrorCodesMetadata(statusCode, errorCodes));
}

/// <summary>The <c>errorCode</c> values an endpoint answers with a given status.</summary>
internal sealed record ErrorCodesMetadata(int StatusCode, IReadOnlyList<string> ErrorCodes);
