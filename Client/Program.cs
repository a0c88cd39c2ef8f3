using Auction.Client.Cli;
using Auction.Client.Commands;
using Spectre.Console.Cli;

namespace Auction.Client;

/// <summary>The client CLI: offline scoring, experiments, results and benchmarks.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Utf8Input.ReadsRawStandardInput = true;
        return Run(args);
    }

    /// <summary>Runs the CLI with the given arguments; tests call this instead of starting a process.</summary>
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(Configure);
        try
        {
            return app.Run(StandardInputArgument.Protect(args));
        }
        catch (CommandAppException e)
        {
            // A malformed command line: one sentence, no stack trace (commands handle their own errors).
            Console.Error.WriteLine($"error: {CommandLineErrors.Describe(e, args)}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>The CLI's settings and commands, as <see cref="Run"/> registers them; tests hand it to Spectre's CommandAppTester.</summary>
    public static Action<IConfigurator> Configure { get; } = config =>
        {
            config.SetApplicationName("auction");
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.ConfigureConsole(Terminal.Create()); // bound to this call's Console.Out (help text, tables)
            // Commands register here, one line each.
            config.AddCommand<ScoreCommand>("score").WithDescription("Score a scenario offline: every score vector, consensus and the winner, as JSON. Exit 0 ok, 2 bad input. Limits: a file up to 4 MiB of UTF-8, 1000 providers, ids up to 200 characters, rates up to 100000 MB/s.").WithExample("score", "scenario.json");
            config.AddBranch("db", db => { db.SetDescription("Database commands: migrate the schema."); db.AddCommand<DbMigrateCommand>("migrate").WithDescription("Apply the schema migrations (Orleans clustering tables, results tables, views); running it again does nothing. Exit 0 ok, 2 bad input, 3 database unreachable.").WithExample("db", "migrate"); });
            config.AddBranch("experiment", experiment => { experiment.SetDescription("Experiments: fire seeded purchase requests at the consumers and record them."); experiment.AddCommand<ExperimentRunCommand>("run").WithDescription("Run an experiment: one seeded request sequence per strategy, recorded in PostgreSQL when --connection is given; prints the summary. Exit 0 ok, 1 too many failures, 2 bad input, 3 cluster or database unreachable. " + InputLimits.HelpText).WithExample("experiment", "run", "--simulated", "--config", "examples/experiment.json", "--strategy", "both", "--seed", "42").WithExample("experiment", "run", "--config", "examples/reference-trigger.json", "--providers", "all", "--strategy", "both").WithExample("experiment", "run", "--gateway", "127.0.0.1:30000", "--count", "20", "--time-scale", "0", "--json");
                experiment.AddCommand<ExperimentSweepCommand>("sweep").WithDescription("Run a grid of seeds × experiment fields as ordinary experiments tagged with the sweep; a rerun resumes (completed cells are skipped). Exit 0 ok, 1 some experiments not completed or interrupted, 2 bad input, 3 cluster or database unreachable.").WithExample("experiment", "sweep", "--config", "examples/sweep-headline.json"); });
            config.AddCommand<ResultsCommand>("results").WithDescription("Print an experiment's summary (the experiment_summary view); --csv exports its transactions, --json prints the summary as JSON. Exit 0 ok, 2 bad input, 3 database unreachable.").WithExample("results", "--experiment", "latest", "--csv", "transactions.csv").WithExample("results", "--json");
            config.AddCommand<ReportCommand>("report").WithDescription("Report on an experiment: the summary per strategy, --csv the transactions, --chart a PNG (faulty-win share, rating, throughput). Exit 0 ok, 2 bad input or no such experiment, 3 database unreachable.").WithExample("report", "latest", "--chart", "chart.png", "--csv", "transactions.csv").WithExample("report", "3f2b8c1e-0000-4000-8000-000000000000", "--json");
            config.AddBranch("bench", b =>
            {
                b.SetDescription("Benchmarks: the auction's latency, throughput and cost (bench auction); shaped vs measured link rates (bench shaping).");
                b.AddCommand<Commands.BenchAuctionCommand>("auction").WithDescription("Benchmarks the auction on an in-process silo (or a running cluster with --cluster): latency, throughput, grain messages, memory.").WithExample("bench", "auction", "--providers", "10,50,100,200", "--auctions", "200", "--concurrency", "8").WithExample("bench", "auction", "--cluster", "--auctions", "500", "--concurrency", "1");
                b.AddCommand<Commands.BenchShapingCommand>("shaping").WithDescription("As root: shapes a lab link with tc at each rate and measures it with iperf3 (configured vs measured MB/s). Exit 0 ok, 1 a flow failed, 2 bad input or not root.").WithExample("bench", "shaping", "--rates", "1,10,50,100", "--seconds", "3");
            });
        };
}
