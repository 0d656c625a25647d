using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Movements;

/// <summary>Builds the <see cref="MovementRunner{TState}"/> of an orchestrating grain from what the grain has.</summary>
internal static class MovementRunners
{
    public static MovementRunner<TState> Create<TState>(
        Grain grain,
        IServiceProvider services,
        IGrainFactory grains,
        IPersistentState<TState> state,
        IMovementFlow<TState> flow,
        Action retire,
        MoneyRecoveryOptions options,
        TimeProvider timeProvider,
        ILogger logger)
        where TState : class, IMovementState<TState>, new() =>
        new(grain.GetPrimaryKeyString(), flow, new PersistentMovementStateStore<TState>(state, retire),
            new RecoveryReminder(grain, services.GetRequiredService<IRecoveryMarkers>(), options.RecoveryDelay, logger), new GrainMovementLegs(grains), timeProvider, logger);

    /// <summary>An Orleans persistent state, committed through <see cref="StateWrites"/>.</summary>
    private sealed class PersistentMovementStateStore<TState>(IPersistentState<TState> state, Action retire) : IMovementStateStore<TState>
        where TState : class, new()
    {
        public TState Current => state.State;

        public Task CommitAsync(TState next) => state.CommitAsync(next, retire);
    }
}
