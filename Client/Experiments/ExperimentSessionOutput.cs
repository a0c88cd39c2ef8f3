namespace Auction.Client.Experiments;

/// <summary>
/// Where an experiment session writes while it runs: progress lines (<see cref="Log"/>: stdout, or stderr when stdout
/// carries JSON), errors, warnings and interrupt notices that come with a run (<see cref="Error"/>: stderr), and, when there is one, a live progress
/// display instead of the progress lines.
/// </summary>
public sealed record ExperimentSessionOutput(TextWriter Log, TextWriter Error, RunProgressScope? Progress = null);
