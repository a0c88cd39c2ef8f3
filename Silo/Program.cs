using Auction.Grains.Placement;
using Auction.Silo;
using Auction.Silo.Configuration;

try
{
    using var host = await SiloHost.BuildAsync(args);
    await host.RunAsync();
    return 0;
}
catch (Exception e) when (e is SiloConfigurationException or ProviderClaimedException)
{
    await Console.Error.WriteLineAsync($"silo: {e.Message}");
    return 2;
}
catch (Exception e) when (StartupFailure.Describe(e) is { } sentence)
{
    await Console.Error.WriteLineAsync($"silo: {sentence}");
    return 3;
}
catch (Exception e)
{
    // Anything else: still one line on stderr (the log above has the details), never an abort.
    await Console.Error.WriteLineAsync($"silo: stopped by an error: {e.GetType().Name}: {e.Message}");
    return 1;
}
