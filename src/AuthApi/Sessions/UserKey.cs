using AuthApi.Redis;
using StackExchange.Redis;

namespace AuthApi.Sessions;

/// <summary>
/// One user, as OpenID Connect Core §5.7 identifies them: the issuer and its <c>sub</c> together (a <c>sub</c> is unique only
/// within its issuer, and a multi-tenant provider has an issuer per tenant), under the provider AuthApi knows them by.
/// </summary>
internal readonly record struct UserKey(string Provider, string Issuer, string Subject)
{
    /// <summary>
    /// The issuer a token's <c>iss</c> stands for. Google documents <c>accounts.google.com</c> (no scheme) beside
    /// <c>https://accounts.google.com</c> as its ID tokens' <c>iss</c>: both are the https URL, so one user's sessions stay
    /// together whichever form a token carried.
    /// </summary>
    /// <summary>The Redis store's list of this user's sessions.</summary>
    public RedisKey SessionsKey => RedisKeys.UserSessions(Provider, Issuer, Subject);

    public static string IssuerOf(string iss) => iss.Contains("://", StringComparison.Ordinal) ? iss : "https://" + iss;
}
