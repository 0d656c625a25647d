using PaySim.Grains.Accounts;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Movements;
using PaySim.Grains.Persistence;
using PaySim.Silo.Persistence;

namespace PaySim.Tests.Silo.Reconciliation;

/// <summary>Stored rows as the grains write them: account states with their ledger lines, and orchestrator documents.</summary>
internal static class LedgerSnapshotTestData
{
    /// <summary>A fixed instant in whole milliseconds: every store keeps it exactly.</summary>
    public static readonly DateTimeOffset StartedAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>An opened account's state, as the account grain stores it.</summary>
    public static string Account(long balanceFen) =>
        StateJson.Serialize(new AccountGrainState { PasswordHash = "hash", OpenId = "o-test", BalanceFen = balanceFen });

    /// <summary>A deposit line as the journal entry written with the balance change.</summary>
    public static JournalEntry Deposit(string entryId, long amountFen, long balanceAfterFen) =>
        new(entryId, new LedgerLine(MovementKind.Deposit, amountFen, null, "deposit", balanceAfterFen, StartedAt).ToJson(), StartedAt);

    /// <summary>An orchestrator's document: unfinished with a movement of <paramref name="reference"/>, finished with none.</summary>
    public static OrchestratorDocument Document(string? reference) => new()
    {
        Status = reference is null ? "Completed" : "Started",
        InFlight = reference is null
            ? null
            : new Movement(MovementFlow.Transfer, reference + ":1", reference, "账户A", "账户B", 300,
                MovementKind.TransferOut, MovementKind.TransferIn, StartedAt),
    };

    /// <summary>Stands for any orchestrator state: the contract is only its <c>InFlight</c> property.</summary>
    public sealed class OrchestratorDocument
    {
        public string Status { get; set; } = "";

        public Movement? InFlight { get; set; }
    }
}
