using System.Runtime.InteropServices;

namespace Auction.Client.Experiments;

/// <summary>
/// Ctrl-C, SIGINT and SIGTERM during an experiment. The first signal cancels <see cref="StopFiring"/> (no new
/// requests; running auctions may finish); a second one also cancels <see cref="StopWaiting"/> (stop waiting for
/// them). The process is never killed by the signal itself: the run ends by its own path, records the experiment as
/// interrupted and prints the summary. Tests trigger the same path through <see cref="Interrupt"/>, reaching the
/// instance through <see cref="Created"/>.
/// </summary>
public sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _stopFiring = new();
    private readonly CancellationTokenSource _stopWaiting = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly bool _usesCancelKeyPress;
    private readonly TextWriter _error;
    private int _count;

    /// <summary>Called with every new instance (a test hook: tests interrupt a run in progress through it).</summary>
    internal static Action<InterruptSignal>? Created { get; set; }

    /// <param name="error">Where the signal is acknowledged (stderr).</param>
    public InterruptSignal(TextWriter error)
    {
        _error = error;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnPosixSignal));
            }
            catch (PlatformNotSupportedException)
            {
            }
        }

        // Ctrl-C is SIGINT, which a registration above already handles; subscribing both would count one Ctrl-C twice.
        _usesCancelKeyPress = _registrations.Count == 0;
        if (_usesCancelKeyPress) Console.CancelKeyPress += OnCancelKeyPress;

        Created?.Invoke(this);
    }

    public CancellationToken StopFiring => _stopFiring.Token;

    public CancellationToken StopWaiting => _stopWaiting.Token;

    public bool Interrupted => _stopFiring.IsCancellationRequested;

    /// <summary>What interrupted the run (SIGINT, SIGTERM, …), or null.</summary>
    public string? Reason { get; private set; }

    /// <summary>The first call stops firing, the second stops waiting for running auctions.</summary>
    public void Interrupt(string reason)
    {
        var count = Interlocked.Increment(ref _count);
        if (count == 1)
        {
            Reason = reason;
            _error.WriteLine($"{reason}: no new requests; waiting for running auctions (again to stop waiting)");
            _stopFiring.Cancel();
        }
        else if (count == 2)
        {
            _error.WriteLine($"{reason} again: not waiting for running auctions any more");
            _stopWaiting.Cancel();
        }
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Interrupt("Ctrl-C");
    }

    private void OnPosixSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Interrupt(context.Signal.ToString());
    }

    public void Dispose()
    {
        if (_usesCancelKeyPress) Console.CancelKeyPress -= OnCancelKeyPress;
        foreach (var registration in _registrations) registration.Dispose();
        _stopFiring.Dispose();
        _stopWaiting.Dispose();
    }
}
