namespace PaySim.Tests.Silo.Persistence;

/// <summary>A small document state for the adapter tests; its JSON shape is fixed by <see cref="GroupCommitGrainStorageContractTests"/>.</summary>
public sealed class WalletState
{
    public long BalanceFen { get; set; }

    public string? Owner { get; set; }
}

/// <summary>The same document for a grain that is nearly always new: its read is deferred to its first write.</summary>
public sealed class NewWalletState : PaySim.Grains.Persistence.IDeferredReadState
{
    public long BalanceFen { get; set; }

    public string? Owner { get; set; }
}
