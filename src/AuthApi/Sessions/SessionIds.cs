using System.Security.Cryptography;
using System.Text;

namespace AuthApi.Sessions;

internal static class SessionIds
{
    /// <summary>Compares a presented session ID in fixed time, so timing reveals nothing of the real one.</summary>
    public static bool Equal(string presented, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(actual));
}
