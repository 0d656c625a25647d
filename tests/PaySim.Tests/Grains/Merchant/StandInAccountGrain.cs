using PaySim.Grains.Interfaces;
using PaySim.Runtime;

namespace PaySim.Tests.Grains.Merchant;

/// <summary>
/// A minimal IAccountGrain until the real AccountGrain (branch api) reaches main: same contract, exactly-once by
/// operation id, password check on a debit when given. Delete it when the real one lands.
/// </summary>
public sealed class StandInAccountGrain([PersistentState("account")] IPersistentState<StandInAccountState> state) : Grain, IAccountGrain
{
    public async Task<AccountResult> OpenAsync(string password, long initialBalanceFen)
    {
        if (state.RecordExists)
        {
            return AccountResult.AlreadyExists;
        }

        state.State = new StandInAccountState { Password = password, BalanceFen = initialBalanceFen };
        await state.WriteStateAsync();
        return AccountResult.Ok;
    }

    public Task<AccountResult> BindOpenIdAsync(string openId) => Task.FromResult(AccountResult.Ok);

    public async Task<AccountResult> FreezeAsync()
    {
        state.State.Frozen = true;
        await state.WriteStateAsync();
        return AccountResult.Ok;
    }

    public Task<AccountSnapshot?> GetSnapshotAsync() => Task.FromResult(state.RecordExists
        ? new AccountSnapshot(GrainKey, "o" + GrainKey, state.State.Frozen ? AccountStatus.Frozen : AccountStatus.Active, state.State.BalanceFen, default)
        : null);

    public Task<AccountResult> VerifyPasswordAsync(string password) => Task.FromResult(
        !state.RecordExists ? AccountResult.NoSuchAccount : state.State.Password == password ? AccountResult.Ok : AccountResult.BadPassword);

    public async Task<AccountResult> ApplyAsync(AccountMovement movement)
    {
        if (!state.RecordExists)
        {
            return AccountResult.NoSuchAccount;
        }

        if (state.State.Applied.Contains(movement.OperationId))
        {
            return AccountResult.Ok;
        }

        if (movement.Password is not null && movement.Password != state.State.Password)
        {
            return AccountResult.BadPassword;
        }

        if (state.State.Frozen && movement.Kind != MovementKind.Reversal)
        {
            return AccountResult.AccountFrozen;
        }

        var debit = movement.Kind.IsDebit();
        if (debit && state.State.BalanceFen < movement.AmountFen)
        {
            return AccountResult.InsufficientFunds;
        }

        state.State.BalanceFen += debit ? -movement.AmountFen : movement.AmountFen;
        state.State.Applied.Add(movement.OperationId);
        await state.WriteStateAsync();
        return AccountResult.Ok;
    }
}

public sealed class StandInAccountState
{
    public string Password { get; set; } = "";

    public long BalanceFen { get; set; }

    public bool Frozen { get; set; }

    public HashSet<string> Applied { get; set; } = [];
}
