using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Merchant;
using PaySim.Grains.Observability;
using PaySim.Silo.Hosting;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Observability;

/// <summary>
/// The gauges of what the store holds: money in flight (count and fen), recovery lag (age of the oldest unfinished
/// movement), notifications pending, reminders stored and due. They are the cluster's, not this silo's: every silo
/// reports the same figures, so sum them over nothing; take the max. A scrape never waits for the store: it shows the
/// last sample and, when that is older than <see cref="PaySimMetricsOptions.SampleInterval"/>, starts the next read in
/// the background, so the store is read at most once an interval and not at all while nothing scrapes. The meter
/// comes from the silo's meter factory (PaySim's meter name, see <see cref="PaySimMetrics"/>), so the gauges go away
/// with the silo rather than outlive it in a process that hosts several (tests).
/// </summary>
internal sealed partial class StoreGauges : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly StoreSampler _sampler;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _intervalMs;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private StoreSample? _sample;
    private Task _reading = Task.CompletedTask;

    public StoreGauges(
        IStorageProvider store,
        IOptions<StorageOptions> storage,
        IOptions<PaySimMetricsOptions> options,
        IMeterFactory meters,
        TimeProvider timeProvider,
        ILogger<StoreGauges> logger)
    {
        _sampler = new StoreSampler(store, storage.Value.DocumentStore == DocumentStoreKind.AdoNet, timeProvider);
        _timeProvider = timeProvider;
        _logger = logger;
        _intervalMs = (long)options.Value.SampleInterval.TotalMilliseconds;
        var meter = meters.Create(PaySimMetrics.MeterName);
        meter.CreateObservableGauge("paysim.money.in_flight.movements", () => Observe(sample => sample.InFlightCount),
            "{movement}", "Movements stored as unfinished: their debit may be applied and their credit or reversal not yet.");
        meter.CreateObservableGauge("paysim.money.in_flight", () => Observe(sample => sample.InFlightFen),
            "fen", "The money those movements carry: out of one account and not yet in the other.");
        meter.CreateObservableGauge("paysim.recovery.lag", ObserveRecoveryLag,
            "s", "Age of the oldest unfinished movement; 0 when none is unfinished.");
        meter.CreateObservableGauge("paysim.notifications.pending", () => Observe(sample => sample.RemindersByName.GetValueOrDefault(MerchantNotificationGrain.BackstopReminder)),
            "{notification}", "Merchant notifications neither acknowledged nor given up (each holds a delivery reminder).");
        meter.CreateObservableGauge("paysim.reminders", () => ObserveByName(sample => sample.RemindersByName),
            "{reminder}", "Reminders stored, by name: recover (a movement's recovery), deliver (a notification), trade and expire (expiries).");
        meter.CreateObservableGauge("paysim.reminders.due", () => ObserveByName(sample => sample.DueRemindersByName),
            "{reminder}", "Reminders whose first tick is past and that are still stored: work that should have happened and is being retried.");
        meter.CreateObservableGauge("paysim.store.sample.age", ObserveSampleAge,
            "s", "Age of the read behind the store gauges; growing past the sample interval means reads fail (see the silo's log).");
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<StoreGauges>(ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    /// <summary>Waits for a read that began after this call (tests: the gauges show the store as it is now).</summary>
    internal async Task RefreshAsync()
    {
        var calledAt = Environment.TickCount64;
        await ReadSoon().ConfigureAwait(false);
        if (Volatile.Read(ref _sample) is not { } sample || sample.TakenAt < calledAt)
        {
            // The read awaited had begun before the call; the next one begins after it.
            await ReadSoon().ConfigureAwait(false);
        }
    }

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        // The first read starts with the silo, so the first scrape already has figures.
        _ = ReadSoon();
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        // The store closes after this stage: no read may still be running then.
        await _stopping.CancelAsync().ConfigureAwait(false);
        await ReadSoon().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<Measurement<long>> Observe(Func<StoreSample, long> value) =>
        Current() is { } sample ? [new Measurement<long>(value(sample))] : [];

    private IEnumerable<Measurement<long>> ObserveByName(Func<StoreSample, IReadOnlyDictionary<string, long>> counts) =>
        Current() is { } sample
            ? counts(sample).Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>("name", pair.Key))).ToList()
            : [];

    private IEnumerable<Measurement<double>> ObserveRecoveryLag()
    {
        if (Current() is not { } sample)
        {
            return [];
        }

        // Measured now, not at the read: an unfinished movement keeps ageing between two reads.
        var lag = sample.OldestStartedAt is { } oldest ? _timeProvider.GetUtcNow() - oldest : TimeSpan.Zero;
        return [new Measurement<double>(Math.Max(0, lag.TotalSeconds))];
    }

    private IEnumerable<Measurement<double>> ObserveSampleAge() =>
        Current() is { } sample ? [new Measurement<double>((Environment.TickCount64 - sample.TakenAt) / 1000.0)] : [];

    /// <summary>The last sample; starts the next read when it is due.</summary>
    private StoreSample? Current()
    {
        var sample = Volatile.Read(ref _sample);
        if (sample is null || Environment.TickCount64 - sample.TakenAt >= _intervalMs)
        {
            _ = ReadSoon();
        }

        return sample;
    }

    /// <summary>Starts a read unless one runs or the silo is stopping; returns the read running, if any.</summary>
    private Task ReadSoon()
    {
        lock (_gate)
        {
            if (_reading.IsCompleted && !_stopping.IsCancellationRequested)
            {
                _reading = Task.Run(ReadAsync);
            }

            return _reading;
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            Volatile.Write(ref _sample, await _sampler.ReadAsync(_stopping.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
        catch (Exception exception)
        {
            // The gauges keep the last sample; paysim_store_sample_age_seconds shows it getting old.
            LogReadFailed(_logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the store for the metrics' gauges; they show the previous read")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
