using System.Collections.Concurrent;
using StackExchange.Redis;

namespace AuthApi.Redis;

/// <summary>
/// Says why a Redis that answers refuses AuthApi (a certificate it does not trust, the user and password), once per server
/// and reason rather than at every retry. Only fields of the attempt are logged, never the connection string.
/// </summary>
internal sealed class RedisRefusals(ILogger logger)
{
    private readonly ConcurrentDictionary<string, Refusal> _lastSaid = new();

    private enum Refusal
    {
        None,
        Certificate,
        Credentials,
    }

    public void Observe(object? sender, ConnectionAttemptCompletedEventArgs attempt)
    {
        Refusal? refusal = attempt switch
        {
            { IsSuccess: true } => Refusal.None,
            { Stage: ConnectionAttemptStage.Tls, ServerCertificateAccepted: false } => Refusal.Certificate,
            { Stage: ConnectionAttemptStage.Handshake, FailureType: ConnectionFailureType.AuthenticationFailure } => Refusal.Credentials,
            _ => null, // unreachable or abandoned: RedisConnection's own lines say so
        };
        var endPoint = attempt.EndPoint?.ToString() ?? "";
        if (refusal is not { } said || !Changes(endPoint, said))
        {
            return;
        }
        if (said == Refusal.Certificate)
        {
            logger.RedisCertificateNotTrusted(endPoint, attempt.TlsHostName ?? "", $"{attempt.ServerCertificatePolicyErrors}", $"{attempt.ServerCertificateChainStatus}");
        }
        else if (said == Refusal.Credentials)
        {
            logger.RedisCredentialsRefused(endPoint);
        }
    }

    /// <summary>Records what was last said of the server; true for the one caller that changes it (attempts report concurrently).</summary>
    private bool Changes(string endPoint, Refusal refusal) =>
        _lastSaid.TryGetValue(endPoint, out var last)
            ? last != refusal && _lastSaid.TryUpdate(endPoint, refusal, last)
            : _lastSaid.TryAdd(endPoint, refusal);
}
