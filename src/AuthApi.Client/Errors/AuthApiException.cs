using System.Net;
using AuthApi.Contracts;
using Refit;

namespace AuthApi.Client;

/// <summary>
/// AuthApi answered with an error: its RFC 9457 Problem Details, with the stable <see cref="ErrorCode"/> to branch on
/// (see <see cref="ErrorCodes"/>); or it could not be reached: <see cref="Status"/> 0 and <see cref="ClientErrorCodes.Unreachable"/>.
/// A Refit <see cref="ApiException"/>, so code that catches those catches this too.
/// </summary>
public sealed class AuthApiException : ApiException
{
    internal AuthApiException(HttpResponseMessage response, string? content, ProblemBody? problem, RefitSettings settings)
        : this(response, response.RequestMessage ?? new HttpRequestMessage(), content, problem, settings)
    {
    }

    // Network handlers link the answer to its request; a stub handler in a consumer's test may not.
    private AuthApiException(HttpResponseMessage response, HttpRequestMessage request, string? content, ProblemBody? problem, RefitSettings settings)
        : base(
            Describe(response, problem),
            request,
            request.Method,
            content,
            response.StatusCode,
            response.ReasonPhrase,
            response.Headers,
            settings)
    {
        Status = problem?.Status ?? (int)response.StatusCode;
        ErrorCode = problem?.ErrorCode;
        Title = problem?.Title;
        Detail = problem?.Detail;
    }

    // No answer: status 0 and no headers, as Refit's own exceptions for a response that never came.
    private AuthApiException(HttpRequestMessage request, string detail, Exception cause, RefitSettings settings)
        : base(
            $"AuthApi could not be reached: {detail}",
            request,
            request.Method,
            content: null,
            statusCode: 0,
            reasonPhrase: null,
            new HttpResponseMessage().Headers,
            settings,
            cause)
    {
        ErrorCode = ClientErrorCodes.Unreachable;
        Detail = detail;
    }

    /// <summary>The HTTP status of the error, e.g. 401; 0 when AuthApi gave no answer (<see cref="ClientErrorCodes.Unreachable"/>).</summary>
    public int Status { get; }

    /// <summary>
    /// The stable, machine-readable code, e.g. <see cref="ErrorCodes.NotAuthenticated"/>, or <see cref="ClientErrorCodes.Unreachable"/>
    /// when there was no answer; null when the answer was not AuthApi's Problem Details (a proxy's error page, a redirect).
    /// </summary>
    public string? ErrorCode { get; }

    /// <summary>Short summary of the kind of problem, e.g. "Not authenticated".</summary>
    public string? Title { get; }

    /// <summary>What went wrong with this request and how to fix it.</summary>
    public string? Detail { get; }

    /// <summary>The request got no answer: the connection failed, or the client's timeout elapsed.</summary>
    /// <param name="request">The request; its cookies are not read.</param>
    /// <param name="baseAddress">The client's base address, named in the message.</param>
    /// <param name="cause">The transport's exception, kept as the inner exception.</param>
    /// <param name="settings">The client's Refit settings.</param>
    internal static AuthApiException Unreachable(HttpRequestMessage request, Uri baseAddress, Exception cause, RefitSettings settings)
    {
        // Scheme, host, port and path only: user information in a base address is a credential.
        var address = baseAddress.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return new AuthApiException(request, $"{address} ({cause.Message}). Check AuthApiClientOptions.BaseAddress and that AuthApi is running.", cause, settings);
    }

    private static string Describe(HttpResponseMessage response, ProblemBody? problem)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (problem?.ErrorCode is not null)
        {
            return $"AuthApi answered {status}, {problem.ErrorCode}: {problem.Detail ?? problem.Title}";
        }
        // Without AuthApi's Problem Details it is likely something in front of it (wrong BaseAddress, an https redirect, a proxy).
        return response.Headers.Location is { } location
            ? $"AuthApi answered {status} redirecting to {location}: check the client's BaseAddress."
            : $"AuthApi answered {status} without Problem Details.";
    }
}
