using Auction.Client.Commands;
using Spectre.Console.Cli;

namespace Auction.Client;

/// <summary>The client CLI: offline scoring, experiments, results and benchmarks.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>Runs the CLI with the given arguments; tests call this instead of starting a process.</summary>
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("auction");
            config.PropagateExceptions();
            // Commands register here, one line each.
            config.AddBranch("db", db => { db.SetDescription("Database commands: migrate the schema."); db.AddCommand<DbMigrateCommand>("migrate").WithDescription("Apply the schema migrations (Orleans clustering tables, results tables, views); running it again does nothing.").WithExample("db", "migrate", "--connection", "Host=127.0.0.1;Port=5432;Username=postgres;Database=auction"); });
            config.AddCommand<ResultsCommand>("results").WithDescription("Print an experiment's summary (the experiment_summary view); --csv exports its transactions.").WithExample("results", "--experiment", "latest", "--csv", "transactions.csv", "--connection", "Host=127.0.0.1;Port=5432;Username=postgres;Database=auction");
        });
        return app.Run(args);
    }
}
