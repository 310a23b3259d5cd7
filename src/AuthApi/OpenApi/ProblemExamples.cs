using AuthApi.Contracts;
using AuthApi.Http;
using Microsoft.AspNetCore.Mvc;

namespace AuthApi.OpenApi;

/// <summary>Example Problem Details bodies, made by the same factories the endpoints answer with.</summary>
internal static class ProblemExamples
{
    /// <summary>Stands in for the per-request trace ID the Problem Details writer adds.</summary>
    public const string SampleTraceId = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    /// <summary>The example body of this error code: the endpoint's own when it declares one, else the factory's.</summary>
    public static ProblemDetails For(string errorCode, ProblemDetails? endpointExample = null)
    {
        if (endpointExample is not null)
        {
            endpointExample.Extensions["traceId"] = SampleTraceId;
            return endpointExample;
        }
        var problem = errorCode switch
        {
            ErrorCodes.InvalidRequest => AuthProblems.InvalidRequest("max_age must be a whole number of seconds."),
            ErrorCodes.InvalidReturnUrl => AuthProblems.InvalidReturnUrl(),
            ErrorCodes.UnknownProvider => AuthProblems.UnknownProvider("github"),
            ErrorCodes.ProviderUnavailable => AuthProblems.ProviderUnavailable(),
            ErrorCodes.NotAuthenticated => AuthProblems.NotAuthenticated(),
            ErrorCodes.InvalidSid => AuthProblems.InvalidSid(),
            ErrorCodes.CsrfHeaderMissing => AuthProblems.AntiForgeryHeaderMissing(),
            ErrorCodes.NoRefreshToken => AuthProblems.NoRefreshToken(),
            ErrorCodes.SessionEnded => AuthProblems.SessionEnded(),
            ErrorCodes.RefreshFailed => AuthProblems.RefreshFailed(),
            ErrorCodes.RateLimited => AuthProblems.RateLimited(),
            ErrorCodes.SessionStoreUnavailable => AuthProblems.SessionStoreUnavailable(),
            ErrorCodes.SessionStoreDisabled => AuthProblems.SessionStoreDisabled(),
            ErrorCodes.InvalidLogoutToken => AuthProblems.InvalidLogoutToken(),
            _ => throw new ArgumentOutOfRangeException(nameof(errorCode), errorCode, "No example Problem Details for this errorCode; add one."),
        };
        var details = problem.ProblemDetails;
        details.Extensions["traceId"] = SampleTraceId;
        return details;
    }
}
