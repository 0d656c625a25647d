using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaySim.Runtime;
using PaySim.Silo.Hosting;
using PaySim.Silo.Reminders;
using PaySim.Silo.Storage;

namespace PaySim.Silo.Activation;

/// <summary>
/// The activations living on this silo: creates one on the first call to a grain, finds it for later calls, and
/// deactivates idle ones (after <see cref="SiloOptions.IdleDeactivationAfter"/>, or the longest idle first when
/// there are more than <see cref="SiloOptions.ActivationCountMax"/>).
/// </summary>
public sealed partial class Catalog : IDisposable
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly GrainTypeRegistry _registry;
    private readonly SiloOptions _options;
    private readonly Lazy<ReminderService> _reminders;
    private readonly Lazy<IGrainFactory> _grainFactory;
    private readonly Lazy<IStorageProvider> _storage;
    private ITimer? _collectionTimer;
    private int _capacityEnforcementRunning;

    public Catalog(IServiceProvider services, GrainTypeRegistry registry, IOptions<SiloOptions> options, TimeProvider timeProvider, ILogger<Catalog> logger)
    {
        Services = services;
        _registry = registry;
        _options = options.Value;
        TimeProvider = timeProvider;
        Logger = logger;
        _reminders = new(services.GetRequiredService<ReminderService>);
        _grainFactory = new(services.GetRequiredService<IGrainFactory>);
        _storage = new(services.GetRequiredService<IStorageProvider>);
    }

    public int ActivationCount => _activations.Count;

    internal IServiceProvider Services { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    internal IGrainFactory GrainFactory => _grainFactory.Value;

    internal ReminderService Reminders => _reminders.Value;

    internal IGrainStorage GrainStorage => _storage.Value.GrainStorage;

    /// <summary>Whether <paramref name="grainId"/> has a live activation here (for tests and diagnostics).</summary>
    public bool IsActive(GrainId grainId) => _activations.ContainsKey(grainId);

    /// <summary>Runs one call on the grain's activation, creating it if there is none.</summary>
    public async Task<object?> InvokeAsync(GrainId grainId, MethodInfo method, object?[] arguments)
    {
        while (true)
        {
            var activation = GetOrCreateActivation(grainId);
            if (activation.TryInvoke(method, arguments, out var reply))
            {
                return await reply.ConfigureAwait(false);
            }

            // The activation is deactivating: wait until it is gone so two copies never run here at once.
            await activation.Deactivated.ConfigureAwait(false);
        }
    }

    /// <summary>Starts the timer that deactivates idle activations.</summary>
    public void StartCollection()
    {
        var period = TimeSpan.FromTicks(Math.Clamp(_options.IdleDeactivationAfter.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        _collectionTimer = TimeProvider.CreateTimer(_ => CollectIdleActivations(), null, period, period);
    }

    /// <summary>Deactivates every activation idle for longer than the configured period; returns how many it started.</summary>
    public int CollectIdleActivations()
    {
        var idleSince = TimeProvider.GetUtcNow() - _options.IdleDeactivationAfter;
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.LastActiveAt <= idleSince && activation.IsIdle && activation.StartDeactivation())
            {
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Deactivates every activation (silo shutdown) and waits for them to finish.</summary>
    public async Task DeactivateAllAsync()
    {
        var activations = _activations.Values.ToList();
        foreach (var activation in activations)
        {
            activation.StartDeactivation();
        }

        await Task.WhenAll(activations.Select(activation => activation.Deactivated)).ConfigureAwait(false);
    }

    public void Dispose() => _collectionTimer?.Dispose();

    internal void Remove(ActivationData activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    private ActivationData GetOrCreateActivation(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var created = new ActivationData(grainId, _registry.GetGrainClass(grainId.Type), this);
        var winner = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(winner, created) && _activations.Count > _options.ActivationCountMax)
        {
            EnforceActivationCountMax();
        }

        return winner;
    }

    private void EnforceActivationCountMax()
    {
        if (Interlocked.Exchange(ref _capacityEnforcementRunning, 1) == 1)
        {
            return;
        }

        try
        {
            // Evict a tenth more than the excess at once, so a silo at its cap does not sort on every new activation.
            var excess = _activations.Count - _options.ActivationCountMax + (_options.ActivationCountMax / 10);
            var victims = _activations.Values
                .Where(activation => activation.IsIdle)
                .OrderBy(activation => activation.LastActiveAt)
                .Take(excess)
                .ToList();
            foreach (var activation in victims)
            {
                activation.StartDeactivation();
            }

            LogActivationCountMaxReached(Logger, _options.ActivationCountMax, victims.Count);
        }
        finally
        {
            Volatile.Write(ref _capacityEnforcementRunning, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "More than {ActivationCountMax} activations: deactivating the {VictimCount} longest idle")]
    private static partial void LogActivationCountMaxReached(ILogger logger, int activationCountMax, int victimCount);
}
