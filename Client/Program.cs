using System.Runtime.ExceptionServices;
using Auction.Client.Bench.Commands;
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

    /// <summary>Runs the CLI on the process's console; tests use <see cref="Configure"/> with Spectre's CommandAppTester instead.</summary>
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(Configure(StandardStreams.OfProcess(), args));
        return app.Run(StandardInputArgument.Protect(args));
    }

    /// <summary>
    /// The CLI's commands and their shared services. <paramref name="streams"/> is where commands and command-line
    /// errors write what is not a result; <paramref name="args"/> (as typed) lets a conversion error name its option.
    /// </summary>
    public static Action<IConfigurator> Configure(StandardStreams streams, IReadOnlyList<string> args) => config =>
    {
        config.SetApplicationName("auction");
        config.UseStrictParsing();
        config.ConfigureConsole(Terminal.Create()); // stdout as this call sees it; commands get it injected as IAnsiConsole
        config.Settings.Registrar.RegisterInstance(streams);
        config.SetExceptionHandler((e, _) => CommandLineError(e, streams.Error, args));

        config.AddCommand<ScoreCommand>("score")
            .WithDescription("Score a scenario offline: every score vector, consensus and the winner, as JSON. Exit 0 ok, 2 bad input. "
                             + "Limits: a file up to 4 MiB of UTF-8, 1000 providers, ids up to 200 characters, rates up to 100000 MB/s.")
            .WithExample("score", "scenario.json");
        config.AddBranch("db", db =>
        {
            db.SetDescription("Database commands: migrate the schema.");
            db.AddCommand<DbMigrateCommand>("migrate")
                .WithDescription("Apply the schema migrations (Orleans clustering tables, results tables, views); running it again does nothing. "
                                 + "Exit 0 ok, 2 bad input, 3 database unreachable.")
                .WithExample("db", "migrate");
        });
        config.AddBranch("experiment", experiment =>
        {
            experiment.SetDescription("Experiments: fire seeded purchase requests at the consumers and record them.");
            experiment.AddCommand<ExperimentRunCommand>("run")
                .WithDescription("Run an experiment: one seeded request sequence per strategy, recorded in PostgreSQL when --connection is given; prints the summary. "
                                 + "Exit 0 ok, 1 too many failures, 2 bad input, 3 cluster or database unreachable. " + InputLimits.HelpText)
                .WithExample("experiment", "run", "--simulated", "--config", "examples/experiment.json", "--strategy", "both", "--seed", "42")
                .WithExample("experiment", "run", "--config", "examples/reference-trigger.json", "--providers", "all", "--strategy", "both")
                .WithExample("experiment", "run", "--gateway", "127.0.0.1:30000", "--count", "20", "--time-scale", "0", "--json");
            experiment.AddCommand<ExperimentSweepCommand>("sweep")
                .WithDescription("Run a grid of seeds × experiment fields as ordinary experiments tagged with the sweep; a rerun resumes (completed cells are skipped). "
                                 + "Exit 0 ok, 1 some experiments not completed or interrupted, 2 bad input, 3 cluster or database unreachable.")
                .WithExample("experiment", "sweep", "--config", "examples/sweep-headline.json");
        });
        config.AddBranch("report", report =>
        {
            report.SetDescription("Reports for people: an experiment's summary table (the default: 'report ID' is 'report experiment ID'), its transactions "
                                  + "as CSV and a chart; a sweep's cells over their seeds. For a program: results.");
            report.SetDefaultCommand<ReportExperimentCommand>();
            report.AddCommand<ReportExperimentCommand>("experiment")
                .WithDescription("Report on an experiment: the summary per strategy, --csv the transactions, --chart a PNG (faulty-win share, rating, throughput). "
                                 + "Exit 0 ok, 2 bad input or no such experiment, 3 database unreachable.")
                .WithExample("report", "experiment", "latest", "--chart", "chart.png", "--csv", "transactions.csv")
                .WithExample("report", "experiment", "3f2b8c1e-0000-4000-8000-000000000000", "--json");
            report.AddCommand<ReportSweepCommand>("sweep")
                .WithDescription("Report on a sweep (its id or name): per cell n seeds, faulty-win share and mean rating over --window (request numbers from 1) "
                                 + "as mean with 95 % CI, median and range; --csv writes that table, --chart plots --metric against --axis. "
                                 + "Exit 0 ok, 2 bad input or no such sweep, 3 database unreachable.")
                .WithExample("report", "sweep", "headline-faulty-0-9", "--window", "21..60")
                .WithExample("report", "sweep", "headline-faulty-0-9", "--axis", "topology.faulty", "--chart", "sweep.png", "--csv", "cells.csv");
        });
        config.AddCommand<ResultsCommand>("results")
            .WithDescription("The machine-readable twin of 'report experiment': an experiment's summary (the experiment_summary view) as one JSON document "
                             + "on stdout, --csv its transactions (the line that says so on stderr). Exit 0 ok, 2 bad input or no such experiment, 3 database unreachable.")
            .WithExample("results", "--experiment", "latest", "--csv", "transactions.csv")
            .WithExample("results", "--experiment", "3f2b8c1e-0000-4000-8000-000000000000");
        config.AddBranch("world", world =>
        {
            world.SetDescription("World files (docs/worlds.md): check one.");
            world.AddCommand<WorldCheckCommand>("check")
                .WithDescription("Read a world file and print its providers' ids, one per line (--json: a JSON document). "
                                 + "Exit 0 ok, 2 the world has problems (every one on stderr).")
                .WithExample("world", "check", "examples/world-price-war.json")
                .WithExample("world", "check", "examples/world-flapping-link.json", "--json");
        });
        config.AddBranch("bench", BenchBranch.Configure);
    };

    /// <summary>
    /// A malformed command line or an option its settings refused: one sentence per problem on stderr, exit 2, no
    /// stack trace. Anything else is a bug and propagates as before (commands handle their own errors).
    /// </summary>
    private static int CommandLineError(Exception e, TextWriter error, IReadOnlyList<string> args)
    {
        if (e is CommandAppException commandLine)
        {
            // several lines: a settings' Validate() naming every bad option (see OptionErrors)
            var lines = commandLine.Message.Contains('\n') ? commandLine.Message.Split('\n') : [CommandLineErrors.Describe(commandLine, args)];
            foreach (var line in lines) error.WriteLine($"error: {line}");
            return ExitCodes.BadInput;
        }

        ExceptionDispatchInfo.Throw(e); // with its own stack trace, as an unhandled exception
        return ExitCodes.Failures; // not reached
    }
}
