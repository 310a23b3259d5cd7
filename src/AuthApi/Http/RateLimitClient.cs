using System.Net;
using System.Net.Sockets;

namespace AuthApi.Http;

/// <summary>Who a rate limit counts: an IPv4 address, or the network of an IPv6 one (<c>Auth:RateLimit:Ipv6PrefixLength</c>).</summary>
internal static class RateLimitClient
{
    /// <summary>The client's key: <c>192.0.2.7</c>, or <c>2001:db8:1:2::/64</c> for every address of that network.</summary>
    public static string KeyOf(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return "";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        for (var bit = ipv6PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return $"{new IPAddress(bytes)}/{ipv6PrefixLength}";
    }
}
