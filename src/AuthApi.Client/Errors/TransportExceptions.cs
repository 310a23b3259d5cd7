using Refit;

namespace AuthApi.Client;

/// <summary>Refit's transport exception factory for AuthApi: what surfaces when a request got no answer.</summary>
internal static class TransportExceptions
{
    public static Func<HttpRequestMessage, Exception, CancellationToken, Exception> Factory(Uri baseAddress, RefitSettings settings) =>
        (request, exception, cancellationToken) => exception switch
        {
            // The caller's own cancellation stays a cancellation.
            OperationCanceledException when cancellationToken.IsCancellationRequested => exception,
            HttpRequestException { StatusCode: null } => AuthApiException.Unreachable(request, baseAddress, exception, settings),
            // HttpClient.Timeout elapsed: HttpClient says so with a TimeoutException inside.
            TaskCanceledException { InnerException: TimeoutException } => AuthApiException.Unreachable(request, baseAddress, exception, settings),
            // A misuse for the app to fix (e.g. new cookies for a browser response already started) is not a transport failure.
            InvalidOperationException => exception,
            _ => new ApiRequestException(request, request.Method, settings, exception),
        };
}
