namespace AuthApi.Client;

/// <summary>
/// The <see cref="AuthApiException.ErrorCode"/> values the client produces itself, when AuthApi gave no answer. The service never
/// sends them, so they are not in <c>AuthApi.Contracts.ErrorCodes</c>, which lists exactly the service's codes.
/// </summary>
public static class ClientErrorCodes
{
    /// <summary>
    /// Status 0: AuthApi could not be reached (refused or failed connection, name resolution, TLS) or did not answer within the
    /// <see cref="HttpClient.Timeout"/>. Nothing is known about the request's effect.
    /// </summary>
    public const string Unreachable = "unreachable";
}
