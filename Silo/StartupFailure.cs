using System.Net.Sockets;
using Auction.Silo.Configuration;
using Npgsql;

namespace Auction.Silo;

/// <summary>Turns the usual start-up failures into one sentence saying what to fix, instead of a stack trace.</summary>
public static class StartupFailure
{
    public static string? Describe(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SiloStartupException startup:
                    return startup.Message;
                case NpgsqlException npgsql:
                    return $"cannot use the PostgreSQL database of ConnectionStrings:Auction: {npgsql.Message}";
                case SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } socket:
                    return $"a silo or gateway port is already in use ({socket.Message}); set Auction:Cluster:SiloPort / GatewayPort.";
                case IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                    return $"the dashboard port is already in use ({io.Message}); set Auction:Dashboard:Urls.";
            }
        }
        return null;
    }
}
