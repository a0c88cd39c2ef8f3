using Auction.Tests.Support;

namespace Auction.Tests.Unit.Deployment;

/// <summary>
/// compose.yaml's provider services take everything but their name from its anchors: a provider service that loses
/// an anchor (or overrides part of one) renders differently from the others, and is named.
/// </summary>
public sealed class ProviderServicesTests
{
    private const int Providers = 10;
    private const int FirstFaulty = 5;

    /// <summary>What the anchors give every provider (x-silo, x-provider, x-provider-environment, x-database).</summary>
    private static readonly Dictionary<string, string> FromAnchors = new()
    {
        ["image"] = "auction-orleans",
        ["build.dockerfile"] = "infra/Dockerfile",
        ["restart"] = "unless-stopped",
        ["volumes[0]"] = "certs:/certs:ro",
        ["depends_on.migrate.condition"] = "service_completed_successfully",
        ["depends_on.certs.condition"] = "service_completed_successfully",
        ["privileged"] = "true",
        ["cap_add[0]"] = "NET_ADMIN",
        ["stop_grace_period"] = "30s",
        ["environment.Auction__Role"] = "provider",
        ["environment.Auction__Network__Mode"] = "container",
        ["environment.Auction__ReferenceProviders"] = "10",
        ["environment.Auction__Tls__Directory"] = "/certs",
    };

    /// <summary>The settings in which one provider service differs from another.</summary>
    private static readonly string[] OwnSettings =
    [
        "hostname", "environment.Auction__Provider__Id", "environment.Auction__Provider__AdvertisedHost", "environment.Auction__Provider__Faulty",
    ];

    [ComposeFact]
    public void Every_provider_service_has_what_the_anchors_give_and_its_own_name()
    {
        var (exit, output) = ComposeConfig.Render(RepositoryRoot.Combine(".env.example"));
        Assert.True(exit == 0, $"docker-compose config failed ({exit}): {output}");
        var services = RenderedCompose.Services(output);
        var names = Enumerable.Range(0, Providers).Select(i => $"provider-{i}").ToArray();
        Assert.Equal(names, services.Keys.Where(k => k.StartsWith("provider-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        var problems = new List<string>();
        for (int i = 0; i < Providers; i++)
        {
            string name = names[i];
            var settings = services[name];
            var expected = new Dictionary<string, string>(FromAnchors)
            {
                ["hostname"] = name,
                ["environment.Auction__Provider__Id"] = name,
                ["environment.Auction__Provider__AdvertisedHost"] = name,
                ["environment.Auction__Provider__Faulty"] = i >= FirstFaulty ? "true" : "false",
            };
            foreach (var (path, value) in expected)
            {
                string actual = settings.GetValueOrDefault(path) ?? "(missing)";
                if (actual != value) problems.Add($"{name}: {path} is {actual}, expected {value}");
            }
        }

        // Beyond the settings listed above, every provider renders the same (build arguments, the connection
        // string, ...): nothing of an anchor is lost or overridden in one service only.
        static bool Unlisted(KeyValuePair<string, string> setting) => !OwnSettings.Contains(setting.Key) && !FromAnchors.ContainsKey(setting.Key);
        var shared = services[names[0]].Where(Unlisted).ToDictionary();
        foreach (string name in names.Skip(1))
        {
            var settings = services[name].Where(Unlisted).ToDictionary();
            problems.AddRange(shared.Keys.Union(settings.Keys).Order(StringComparer.Ordinal)
                .Where(path => shared.GetValueOrDefault(path) != settings.GetValueOrDefault(path))
                .Select(path => $"{name}: {path} is {settings.GetValueOrDefault(path) ?? "(missing)"}, {names[0]} has {shared.GetValueOrDefault(path) ?? "(missing)"}"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_reader_takes_settings_by_path_sequences_by_index_and_folded_scalars_whole()
    {
        const string rendered = """
            services:
              one:
                cap_add:
                - NET_ADMIN
                - SYS_TIME
                depends_on:
                  certs:
                    condition: service_completed_successfully
                entrypoint:
                - bash
                - -c
                - bash /make-certs.sh /certs consumer
                  provider-0 && true
                environment:
                  Auction__ReferenceProviders: '10'
                  Quoted: 'it''s
                    folded'
                  Faulty: "true"
              two:
                hostname: two
            version: '3.9'
            volumes:
              certs: {}
            """;

        var services = RenderedCompose.Services(rendered);

        Assert.Equal(["one", "two"], services.Keys.Order(StringComparer.Ordinal));
        var one = services["one"];
        Assert.Equal(["NET_ADMIN", "SYS_TIME"], [one["cap_add[0]"], one["cap_add[1]"]]);
        Assert.Equal("service_completed_successfully", one["depends_on.certs.condition"]);
        Assert.Equal("bash /make-certs.sh /certs consumer provider-0 && true", one["entrypoint[2]"]);
        Assert.Equal("10", one["environment.Auction__ReferenceProviders"]);
        Assert.Equal("it's folded", one["environment.Quoted"]);
        Assert.Equal("true", one["environment.Faulty"]);
        Assert.Equal(9, one.Count);
        Assert.Equal(new Dictionary<string, string> { ["hostname"] = "two" }, services["two"]);
    }
}
