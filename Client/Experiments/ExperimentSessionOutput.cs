using Spectre.Console;

namespace Auction.Client.Experiments;

/// <summary>
/// Where an experiment session writes: progress lines (<see cref="Log"/>: stdout, or stderr when stdout carries
/// JSON), errors and warnings, and the console for a live progress bar when there is a terminal to draw it on.
/// </summary>
public sealed record ExperimentSessionOutput(TextWriter Log, TextWriter Error, IAnsiConsole? ProgressBar);
