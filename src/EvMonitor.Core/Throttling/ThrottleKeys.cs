using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace EvMonitor.Throttling;

/// <summary>
/// Keys are hashed: short and valid as table keys whatever was typed, and the e-mail addresses
/// people mistype are not kept in the clear.
/// </summary>
public static class ThrottleKeys
{
    /// <summary>An IPv6 client is counted by its /64, the block one subscriber is given.</summary>
    public static string ClientAddress(string prefix, string clientAddress)
    {
        var text = clientAddress.Trim();
        if (IPAddress.TryParse(text, out var ip))
        {
            if (ip.IsIPv4MappedToIPv6)
                ip = ip.MapToIPv4();
            if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                var bytes = ip.GetAddressBytes();
                Array.Clear(bytes, 8, 8);
                text = new IPAddress(bytes) + "/64";
            }
            else
            {
                text = ip.ToString();
            }
        }
        return prefix + Hash(text);
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
