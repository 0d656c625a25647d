using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;
using PaySim.Silo.Storage.Memory;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// An in-memory store that fails one chosen grain-state write, as a store that is down or times out does (not a
/// version conflict): <see cref="FailNthWrite"/> arms it, and the Nth write after that throws
/// <see cref="InjectedStoreFailure"/> without storing anything. Reminders pass through untouched.
/// </summary>
public sealed class FaultInjectingStorageProvider : IStorageProvider
{
    private readonly MemoryStorageProvider _inner = new();
    private readonly FaultInjectingGrainStateStore _states;

    public FaultInjectingStorageProvider() => _states = new FaultInjectingGrainStateStore(_inner.GrainStateStore);

    public IGrainStateStore GrainStateStore => _states;

    public IReminderStore ReminderStore => _inner.ReminderStore;

    /// <summary>Whether the armed failure has happened (false: the flow wrote fewer than N times).</summary>
    public bool HasFailed => _states.HasFailed;

    /// <summary>
    /// Makes the <paramref name="n"/>th grain-state write from now on fail; 0 disarms. With <paramref name="heldUntil"/>,
    /// that write fails only once the task completes, so calls can interleave with a write in flight.
    /// </summary>
    public void FailNthWrite(int n, Task? heldUntil = null) => _states.Arm(n, heldUntil);

    /// <summary>While true, every grain-state read fails as a store that is down does (an activation's read among them).</summary>
    public bool FailReads
    {
        get => _states.FailReads;
        set => _states.FailReads = value;
    }

    /// <summary>Completes when the write chosen to fail has reached the store (and is held there, if it was to be).</summary>
    public Task FailingWriteReached => _states.FailingWriteReached;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Shared by every silo of a test cluster: a silo's shutdown must not dispose it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class FaultInjectingGrainStateStore(IGrainStateStore inner) : IGrainStateStore
    {
        private readonly Lock _gate = new();
        private int _writesLeft;
        private bool _failed;
        private Task _heldUntil = Task.CompletedTask;
        private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _failReads;

        public bool FailReads
        {
            get => _failReads;
            set => _failReads = value;
        }

        public Task FailingWriteReached
        {
            get
            {
                lock (_gate)
                {
                    return _reached.Task;
                }
            }
        }

        public bool HasFailed
        {
            get
            {
                lock (_gate)
                {
                    return _failed;
                }
            }
        }

        public void Arm(int n, Task? heldUntil)
        {
            lock (_gate)
            {
                _writesLeft = n;
                _failed = false;
                _heldUntil = heldUntil ?? Task.CompletedTask;
                _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public Task<string> WriteStateAsync(
            StoredGrainId grainId,
            string stateName,
            string payload,
            string? expectedEtag,
            IReadOnlyList<JournalEntry> journalEntries,
            bool movementInFlight,
            CancellationToken cancellationToken) =>
            IsChosen(out var heldUntil)
                ? FailAsync(grainId, heldUntil)
                : inner.WriteStateAsync(grainId, stateName, payload, expectedEtag, journalEntries, movementInFlight, cancellationToken);

        public Task<IReadOnlyList<StoredGrainId>> ReadMovementsInFlightAsync(DateTimeOffset? markedBy, CancellationToken cancellationToken) =>
            inner.ReadMovementsInFlightAsync(markedBy, cancellationToken);

        public Task<IReadOnlyList<StoredMarkedState>> ReadStatesInFlightAsync(CancellationToken cancellationToken) =>
            inner.ReadStatesInFlightAsync(cancellationToken);

        public Task<string> ClearStateAsync(StoredGrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken) =>
            IsChosen(out var heldUntil)
                ? FailAsync(grainId, heldUntil)
                : inner.ClearStateAsync(grainId, stateName, expectedEtag, cancellationToken);

        public Task<IStoreSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) => inner.OpenSnapshotAsync(cancellationToken);

        public Task<GrainStateRecord?> ReadStateAsync(StoredGrainId grainId, string stateName, CancellationToken cancellationToken) =>
            _failReads
                ? Task.FromException<GrainStateRecord?>(new InjectedStoreFailure($"Injected store failure on a read of {grainId}."))
                : inner.ReadStateAsync(grainId, stateName, cancellationToken);

        public Task<JournalEntry?> ReadJournalEntryAsync(StoredGrainId grainId, string entryId, CancellationToken cancellationToken) =>
            inner.ReadJournalEntryAsync(grainId, entryId, cancellationToken);

        public IAsyncEnumerable<StoredGrainState> ReadAllStatesAsync(string grainType, string stateName, CancellationToken cancellationToken) =>
            inner.ReadAllStatesAsync(grainType, stateName, cancellationToken);

        public IAsyncEnumerable<StoredJournalEntry> ReadAllJournalEntriesAsync(string grainType, CancellationToken cancellationToken) =>
            inner.ReadAllJournalEntriesAsync(grainType, cancellationToken);

        private bool IsChosen(out Task heldUntil)
        {
            lock (_gate)
            {
                heldUntil = _heldUntil;
                if (_writesLeft == 0 || --_writesLeft > 0)
                {
                    return false;
                }

                _failed = true;
                _reached.TrySetResult();
                return true;
            }
        }

        private static async Task<string> FailAsync(StoredGrainId grainId, Task heldUntil)
        {
            await heldUntil;
            throw new InjectedStoreFailure($"Injected store failure on a write of {grainId}.");
        }
    }
}

/// <summary>
/// The failure <see cref="FaultInjectingStorageProvider"/> injects: an unavailable store, not a conflict; a
/// <see cref="System.Data.Common.DbException"/>, as Npgsql's and SQLite's are.
/// </summary>
public sealed class InjectedStoreFailure(string message) : System.Data.Common.DbException(message);
