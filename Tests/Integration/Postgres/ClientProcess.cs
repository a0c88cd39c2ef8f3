using Auction.Tests.Support;
using CliWrap;
using CliWrap.Buffered;

namespace Auction.Tests.Integration.Postgres;

/// <summary>
/// Runs the built client CLI as a real process, with a timeout. It runs from the Client project's own output folder
/// (same configuration as the tests): the copy next to the test binaries lacks the assemblies that the test project
/// takes from the ASP.NET Core shared framework (through the Silo reference) and the client's runtimeconfig does not.
/// </summary>
public static class ClientProcess
{
    public static string ClientDll()
    {
        // AppContext.BaseDirectory is <test project>/bin/<Configuration>/<tfm>/; the client's is <repo>/Client/bin/<Configuration>/<tfm>/.
        var output = AppContext.BaseDirectory;
        var relative = output[output.LastIndexOf($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)..].TrimStart(Path.DirectorySeparatorChar);
        var dll = Path.Combine(RepositoryRoot.Combine("Client"), relative, "Auction.Client.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the client is not built: {dll} is missing", dll);
    }

    public static Task<BufferedCommandResult> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string>(), arguments);

    /// <summary>Runs the CLI with extra environment variables (the Auction__Tls__* files of a cluster member, say).</summary>
    public static Task<BufferedCommandResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync(environment, TimeSpan.FromSeconds(60), arguments);

    /// <summary>Runs the CLI with a timeout of its own: for runs whose auctions wait out a dead peer's deadlines.</summary>
    public static async Task<BufferedCommandResult> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        var dll = ClientDll();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await Cli.Wrap(dotnet)
                .WithArguments([dll, .. arguments])
                .WithEnvironmentVariables(env =>
                {
                    env.Set("ConnectionStrings__Auction", null).Set("NO_COLOR", "1");
                    foreach (var (key, value) in environment) env.Set(key, value);
                })
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"auction {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s");
        }
    }
}
