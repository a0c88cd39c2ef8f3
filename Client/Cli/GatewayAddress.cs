using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Auction.Client.Cli;

/// <summary>Parses a silo gateway given as HOST:PORT (an IPv4/IPv6 address or a resolvable host name).</summary>
public static class GatewayAddress
{
    public static bool TryParse(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return false;
        var host = text[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            }
            catch (Exception e) when (e is SocketException or ArgumentException)
            {
                address = null;
            }
        }

        if (address is null) return false;
        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
