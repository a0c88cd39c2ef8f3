using Auction.Silo.Configuration;
using Auction.Tests.Support;

namespace Auction.Tests.Unit.Deployment;

/// <summary>
/// compose.world.yaml on top of compose.yaml: every provider service, and only they, gets the world file mounted
/// read-only and named in <c>Auction__World__File</c>, the client the same mount alone; without it compose.yaml renders as before.
/// </summary>
public sealed class ComposeWorldTests
{
    private const string Mounted = "/etc/auction/world.json";
    private const string ExampleWorld = "examples/world-degrading-best.json";

    [ComposeFact]
    public void The_world_overlay_adds_the_mount_and_the_setting_to_every_provider_the_mount_to_the_client_and_nothing_else()
    {
        var envFile = RepositoryRoot.Combine(".env.example");
        var (plainExit, plainOutput) = ComposeConfig.Render(envFile);
        var (exit, output) = ComposeConfig.Render(envFile, ["compose.world.yaml"], new Dictionary<string, string> { ["WORLD_FILE"] = "./" + ExampleWorld });
        Assert.True(plainExit == 0 && exit == 0, $"docker-compose config failed: {plainOutput}\n{output}");
        var plain = RenderedCompose.Services(plainOutput);
        var world = RenderedCompose.Services(output);

        Assert.Equal(plain.Keys.Order(StringComparer.Ordinal), world.Keys.Order(StringComparer.Ordinal));
        var problems = new List<string>();
        foreach (var (name, settings) in world)
        {
            var before = plain[name];
            // volumes compare as sets: docker-compose 1.29 renders them in no fixed order
            var added = settings.Where(s => !s.Key.StartsWith("volumes[", StringComparison.Ordinal) && (!before.ContainsKey(s.Key) || before[s.Key] != s.Value))
                .Select(s => s.Key).ToList();
            var volumesBefore = Volumes(before);
            var volumes = Volumes(settings);
            var mount = $"{RepositoryRoot.Combine(ExampleWorld)}:{Mounted}:ro";
            if (name == "client")
            {
                // the client reads the same file, for experiment run --world, and nothing else of it changes
                if (added.Count > 0 || !volumes.SetEquals(volumesBefore.Append(mount))) problems.Add($"{name} changed: {string.Join(", ", added.Concat(volumes))}");
                continue;
            }
            if (!name.StartsWith("provider-", StringComparison.Ordinal))
            {
                if (added.Count > 0 || !volumes.SetEquals(volumesBefore)) problems.Add($"{name} changed: {string.Join(", ", added)}");
                continue;
            }
            if (settings.GetValueOrDefault("environment.Auction__World__File") != Mounted) problems.Add($"{name}: no Auction__World__File {Mounted}");
            var expectedVolumes = volumesBefore.Append(mount).ToHashSet();
            if (!volumes.SetEquals(expectedVolumes)) problems.Add($"{name}: volumes {string.Join(", ", volumes)}");
            var unexpected = added.Where(key => key != "environment.Auction__World__File").ToList();
            if (unexpected.Count > 0) problems.Add($"{name}: also changed {string.Join(", ", unexpected)}");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [ComposeFact]
    public void The_world_overlay_without_a_world_file_refuses_to_render()
    {
        var (exit, output) = ComposeConfig.Render(RepositoryRoot.Combine(".env.example"), ["compose.world.yaml"], new Dictionary<string, string>());

        Assert.NotEqual(0, exit);
        Assert.Contains("set WORLD_FILE to the world file", output);
    }

    [Fact]
    public void The_example_world_of_env_example_names_exactly_the_provider_services()
    {
        var example = File.ReadAllLines(RepositoryRoot.Combine(".env.example")).Single(l => l.Contains("WORLD_FILE=", StringComparison.Ordinal));
        Assert.EndsWith("=./" + ExampleWorld, example);
        var settings = new SiloSettings
        {
            Role = "provider", Network = { Mode = SiloPlan.Container }, Tls = { Enabled = false },
            Provider = { Id = "provider-9", AdvertisedHost = "provider-9" }, World = { File = RepositoryRoot.Combine(ExampleWorld) },
        };

        var plan = SiloPlan.From(settings, "Host=postgres;Username=auction;Database=auction");

        Assert.Equal(10, plan.World!.Providers.Count);
        Assert.Equal("provider-9", plan.Providers.Single().Id);
    }

    private static HashSet<string> Volumes(IReadOnlyDictionary<string, string> settings) =>
        settings.Where(s => s.Key.StartsWith("volumes[", StringComparison.Ordinal)).Select(s => s.Value).ToHashSet();
}
