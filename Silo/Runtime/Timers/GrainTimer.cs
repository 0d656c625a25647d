using Microsoft.Extensions.Logging;
using PaySim.Runtime;
using PaySim.Silo.Activation;

namespace PaySim.Silo.Timers;

/// <summary>
/// An in-memory timer of one activation. Each tick runs as a turn of that activation (never concurrently with its
/// calls); a tick is skipped while the previous one still waits or runs, and the timer dies with the activation.
/// </summary>
internal sealed partial class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _timer;
    private int _tickPending;

    public GrainTimer(
        ActivationData activation,
        Func<CancellationToken, Task> callback,
        TimeSpan dueTime,
        TimeSpan period,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _activation = activation;
        _callback = callback;
        _logger = logger;
        _timer = timeProvider.CreateTimer(_ => OnTick(), null, dueTime, period);
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _timer.Dispose();
    }

    private void OnTick()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _tickPending, 1) == 1)
        {
            return;
        }

        var queued = _activation.TryRunTimerTick(async () =>
        {
            try
            {
                if (!_disposed.IsCancellationRequested)
                {
                    await _callback(_disposed.Token).ConfigureAwait(false);
                }
            }
            catch (Exception exception)
            {
                LogTickFailed(_logger, exception, _activation.GrainId);
            }
            finally
            {
                Volatile.Write(ref _tickPending, 0);
            }
        });
        if (!queued)
        {
            Volatile.Write(ref _tickPending, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer tick of grain {GrainId} failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, GrainId grainId);
}
