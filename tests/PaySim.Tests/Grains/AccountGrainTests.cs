using PaySim.Grains.Accounts;
using Orleans.Storage;
using PaySim.Grains.Interfaces;
using PaySim.Silo.Storage;

namespace PaySim.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class AccountGrainTests(GrainClusterFixture fixture)
{
    private static AccountMovement Movement(MovementKind kind, long amountFen, string? password = null, bool mayBeRetry = false, string? operationId = null) =>
        new(operationId ?? "test:" + Guid.NewGuid().ToString("N"), kind, amountFen, null, "test", password, mayBeRetry);

    [Fact]
    public async Task Open_StoresTheOpeningBalance_AsADepositLedgerLine()
    {
        var username = await fixture.OpenAccountAsync(1_234);

        var snapshot = await fixture.Account(username).GetSnapshotAsync();
        Assert.Equal(1_234, snapshot!.BalanceFen);
        Assert.Equal(AccountStatus.Active, snapshot.Status);
        Assert.Matches("^o[A-Za-z0-9_-]{27}$", snapshot.OpenId);
        var entry = await fixture.Cluster.Store().GrainStateStore.ReadJournalEntryAsync(new StoredGrainId("account", username), AccountGrain.OpeningOperationId, CancellationToken.None);
        var line = LedgerLine.FromJson(entry!.Payload);
        Assert.Equal(new LedgerLine(MovementKind.Deposit, 1_234, null, AccountGrain.OpeningOperationId, 1_234, fixture.Clock.GetUtcNow()), line);
    }

    [Fact]
    public async Task Open_WhenTheAccountExists_ReturnsAlreadyExists_AndKeepsIt()
    {
        var username = await fixture.OpenAccountAsync(10);

        Assert.Equal(AccountResult.AlreadyExists, await fixture.Account(username).OpenAsync("other", 99));
        Assert.Equal(10, await fixture.BalanceAsync(username));
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).VerifyPasswordAsync(GrainClusterFixture.Password));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(MoneyLimits.AmountFenMax + 1)]
    public async Task Open_WithAnInvalidBalance_ReturnsInvalidAmount_AndOpensNothing(long balanceFen)
    {
        var account = fixture.Account("bad-open-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(AccountResult.InvalidAmount, await account.OpenAsync("pw", balanceFen));
        Assert.Null(await account.GetSnapshotAsync());
    }

    [Fact]
    public async Task VerifyPassword_ChecksTheHash()
    {
        var username = await fixture.OpenAccountAsync(0);
        await fixture.Cluster.DeactivateAllAsync();

        Assert.Equal(AccountResult.BadPassword, await fixture.Account(username).VerifyPasswordAsync("wrong"));
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).VerifyPasswordAsync(GrainClusterFixture.Password));
        Assert.Equal(AccountResult.NoSuchAccount, await fixture.Account("nobody-" + Guid.NewGuid()).VerifyPasswordAsync("x"));
    }

    [Fact]
    public async Task Password_FollowedByNuls_IsBadPassword_EvenRightAfterTheRightOneWasRemembered()
    {
        var username = await fixture.OpenAccountAsync(100);

        Assert.Equal(AccountResult.Ok, await fixture.Account(username).VerifyPasswordAsync(GrainClusterFixture.Password));
        Assert.Equal(AccountResult.BadPassword, await fixture.Account(username).VerifyPasswordAsync(GrainClusterFixture.Password + "\0"));
        Assert.Equal(AccountResult.BadPassword,
            await fixture.Account(username).ApplyAsync(Movement(MovementKind.Withdrawal, 5, password: GrainClusterFixture.Password + "\0\0")));
        Assert.Equal(100, (await fixture.Account(username).GetSnapshotAsync())!.BalanceFen);
    }

    [Fact]
    public async Task Deposit_AndWithdrawal_ChangeTheBalance()
    {
        var username = await fixture.OpenAccountAsync(100);

        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Deposit, 50)));
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Withdrawal, 120)));

        Assert.Equal(30, await fixture.BalanceAsync(username));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(MoneyLimits.AmountFenMax + 1)]
    public async Task Apply_WithAnInvalidAmount_ReturnsInvalidAmount(long amountFen)
    {
        var username = await fixture.OpenAccountAsync(100);

        Assert.Equal(AccountResult.InvalidAmount, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Deposit, amountFen)));
        Assert.Equal(100, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task Apply_ToAMissingAccount_ReturnsNoSuchAccount()
    {
        var account = fixture.Account("missing-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(AccountResult.NoSuchAccount, await account.ApplyAsync(Movement(MovementKind.Deposit, 1)));
    }

    [Fact]
    public async Task Withdrawal_AboveTheBalance_ReturnsInsufficientFunds_AndChangesNothing()
    {
        var username = await fixture.OpenAccountAsync(100);

        Assert.Equal(AccountResult.InsufficientFunds, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Withdrawal, 101)));
        Assert.Equal(100, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task Debit_WithAWrongPassword_ReturnsBadPassword_BeforeFrozenAndFunds()
    {
        var username = await fixture.OpenAccountAsync(1);
        await fixture.Account(username).FreezeAsync();

        Assert.Equal(AccountResult.BadPassword, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Withdrawal, 5, password: "wrong")));
        Assert.Equal(AccountResult.AccountFrozen, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Withdrawal, 5, password: GrainClusterFixture.Password)));
    }

    [Fact]
    public async Task FrozenAccount_RefusesEveryMovementButReversal()
    {
        var username = await fixture.OpenAccountAsync(100);
        var reference = "transfer:" + Guid.NewGuid().ToString("N");
        var debit = new AccountMovement(reference + ":out", MovementKind.TransferOut, 7, "someone", reference);
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(debit));
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).FreezeAsync());

        // A voided leg is no movement: only FenceAsync writes one, on any account.
        foreach (var kind in Enum.GetValues<MovementKind>().Where(kind => kind != MovementKind.Reversal && !kind.IsVoided()))
        {
            Assert.Equal(AccountResult.AccountFrozen, await fixture.Account(username).ApplyAsync(Movement(kind, 1)));
        }

        var reversal = new AccountMovement(reference + ":reversal", MovementKind.Reversal, 7, "someone", reference);
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(reversal));
        var snapshot = await fixture.Account(username).GetSnapshotAsync();
        Assert.Equal((AccountStatus.Frozen, 100L), (snapshot!.Status, snapshot.BalanceFen));
    }

    [Fact]
    public async Task Credit_PastTheBalanceLimit_ReturnsBalanceOverflow()
    {
        var username = await fixture.OpenAccountAsync(MoneyLimits.AmountFenMax);
        for (var deposit = 1; deposit < MoneyLimits.BalanceFenMax / MoneyLimits.AmountFenMax; deposit++)
        {
            Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Deposit, MoneyLimits.AmountFenMax)));
        }

        Assert.Equal(AccountResult.BalanceOverflow, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Deposit, 1)));
        Assert.Equal(MoneyLimits.BalanceFenMax, await fixture.BalanceAsync(username));
    }

    /// <summary>
    /// A deposit that lands between a movement's debit and its reversal may fill the account to the limit. Were the
    /// reversal refused, the money would stay out of the account and the movement in flight for good.
    /// </summary>
    [Fact]
    public async Task Reversal_OfAMovementsDebit_IsAppliedPastTheBalanceLimit_AndLaterCreditsAreRefused()
    {
        var username = await fixture.OpenAccountAsync(MoneyLimits.AmountFenMax);
        for (var deposit = 1; deposit < MoneyLimits.BalanceFenMax / MoneyLimits.AmountFenMax; deposit++)
        {
            Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Deposit, MoneyLimits.AmountFenMax)));
        }

        var reference = "transfer:" + Guid.NewGuid().ToString("N");
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(new AccountMovement(reference + ":out", MovementKind.TransferOut, 1_000, "someone", reference)));
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Deposit, 1_000)));

        var reversal = new AccountMovement(reference + ":reversal", MovementKind.Reversal, 1_000, "someone", reference);
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(reversal));

        Assert.Equal(MoneyLimits.BalanceFenMax + 1_000, await fixture.BalanceAsync(username));
        Assert.Equal(AccountResult.BalanceOverflow, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Deposit, 1)));
    }

    [Fact]
    public async Task SameOperationId_Twice_IsAppliedOnce_AndAnswersOkBothTimes()
    {
        var username = await fixture.OpenAccountAsync(0);
        var movement = Movement(MovementKind.Deposit, 40);

        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(movement));
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(movement));

        Assert.Equal(40, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task RetriedOperation_AfterReactivation_IsFoundInTheStoredJournal()
    {
        var username = await fixture.OpenAccountAsync(0);
        var movement = Movement(MovementKind.Deposit, 40, mayBeRetry: true);
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(movement));

        await fixture.Cluster.DeactivateAllAsync();

        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(movement));
        Assert.Equal(40, await fixture.BalanceAsync(username));
    }

    [Theory]
    [InlineData(MovementKind.Deposit, 41)]
    [InlineData(MovementKind.Withdrawal, 40)]
    public async Task SameOperationId_ForAnotherMovement_IsAConflict_AndChangesNothing(MovementKind kind, long amountFen)
    {
        var username = await fixture.OpenAccountAsync(100);
        var operationId = "test:" + Guid.NewGuid().ToString("N");
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(Movement(MovementKind.Deposit, 40, operationId: operationId)));

        var reused = Movement(kind, amountFen, mayBeRetry: true, operationId: operationId);
        var whileActive = await fixture.Account(username).ApplyAsync(reused);
        await fixture.Cluster.DeactivateAllAsync();
        var fromTheJournal = await fixture.Account(username).ApplyAsync(reused);

        Assert.Equal((AccountResult.OperationIdConflict, AccountResult.OperationIdConflict), (whileActive, fromTheJournal));
        Assert.Equal(140, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task UnflaggedDuplicate_AfterReactivation_IsRefusedByTheJournal_AndChangesNothing()
    {
        var username = await fixture.OpenAccountAsync(0);
        var movement = Movement(MovementKind.Deposit, 40);
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyAsync(movement));

        await fixture.Cluster.DeactivateAllAsync();

        await Assert.ThrowsAsync<InconsistentStateException>(() => fixture.Account(username).ApplyAsync(movement));
        Assert.Equal(40, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task BindOpenId_ReplacesTheOpenId()
    {
        var username = await fixture.OpenAccountAsync(0);

        Assert.Equal(AccountResult.Ok, await fixture.Account(username).BindOpenIdAsync("wx-open-id"));

        Assert.Equal("wx-open-id", (await fixture.Account(username).GetSnapshotAsync())!.OpenId);
        Assert.Equal(AccountResult.NoSuchAccount, await fixture.Account("missing-" + Guid.NewGuid()).BindOpenIdAsync("x"));
    }

    [Fact]
    public async Task KnownOperationId_WithAnotherCounterpartyOrReference_IsAConflict_AndMovesNothing()
    {
        var username = await fixture.OpenAccountAsync(100);
        var account = fixture.Account(username);
        var debit = new AccountMovement("op-" + Guid.NewGuid().ToString("N"), MovementKind.RefundOut, 10, "payer-1", "order-1");
        Assert.Equal(AccountResult.Ok, await account.ApplyAsync(debit));

        var otherPayee = await account.ApplyAsync(debit with { Counterparty = "payer-2" });
        var otherReference = await account.ApplyAsync(debit with { Reference = "order-2", MayBeRetry = true });
        var retry = await account.ApplyAsync(debit with { MayBeRetry = true });

        Assert.Equal((AccountResult.OperationIdConflict, AccountResult.OperationIdConflict, AccountResult.Ok), (otherPayee, otherReference, retry));
        Assert.Equal(90, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task FencedCredit_IsNeverApplied_AndAFenceAfterTheCreditSaysItLanded()
    {
        var username = await fixture.OpenAccountAsync(0);
        var account = fixture.Account(username);
        var credit = new AccountMovement("m-" + Guid.NewGuid().ToString("N") + ":in", MovementKind.TransferIn, 25, "payer", "transfer:x");
        var landed = credit with { OperationId = "m-" + Guid.NewGuid().ToString("N") + ":in" };
        Assert.Equal(AccountResult.Ok, await account.ApplyAsync(landed));

        Assert.Equal(LegFence.Fenced, await account.FenceAsync(credit, AccountResult.AccountFrozen));
        Assert.Equal(LegFence.Fenced, await account.FenceAsync(credit, AccountResult.AccountFrozen));
        // A copy of the fenced credit is answered the refusal its fence keeps; another movement under its id, a conflict.
        Assert.Equal(AccountResult.AccountFrozen, await account.ApplyAsync(credit with { MayBeRetry = true }));
        Assert.Equal(AccountResult.OperationIdConflict, await account.ApplyAsync(credit with { Reference = "transfer:y" }));
        Assert.Equal(LegFence.Applied, await account.FenceAsync(landed, AccountResult.AccountFrozen));
        Assert.Equal(25, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task FencedDebit_IsNeverApplied_EvenOnceTheBalanceCovers_ItsCopiesAreAnsweredItsRefusal_AndAFenceAfterTheDebitSaysItLanded()
    {
        var username = await fixture.OpenAccountAsync(10);
        var account = fixture.Account(username);
        var debit = new AccountMovement("m-" + Guid.NewGuid().ToString("N") + ":out", MovementKind.TransferOut, 25, "payee", "transfer:x");
        Assert.Equal(AccountResult.InsufficientFunds, await account.ApplyAsync(debit));

        Assert.Equal(LegFence.Fenced, await account.FenceAsync(debit with { MayBeRetry = true }, AccountResult.InsufficientFunds));
        Assert.Equal(AccountResult.Ok, await account.ApplyExternalAsync(new ExternalMovement(MovementKind.Deposit, 100, RequestId: null)));
        // The balance covers it now, yet every copy of the debit is answered the refusal its fence keeps.
        Assert.Equal(AccountResult.InsufficientFunds, await account.ApplyAsync(debit));
        Assert.Equal(AccountResult.InsufficientFunds, await account.ApplyAsync(debit with { MayBeRetry = true }));
        Assert.Equal(LegFence.Fenced, await account.FenceAsync(debit, AccountResult.OperationIdConflict));
        Assert.Equal(110, await fixture.BalanceAsync(username));

        var landed = debit with { OperationId = "m-" + Guid.NewGuid().ToString("N") + ":out" };
        Assert.Equal(AccountResult.Ok, await account.ApplyAsync(landed));
        Assert.Equal(LegFence.Applied, await account.FenceAsync(landed, AccountResult.InsufficientFunds));
        Assert.Equal(85, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task ExternalMovement_SameRequestIdForAnotherKind_IsAConflict()
    {
        var username = await fixture.OpenAccountAsync(100);
        var requestId = Guid.NewGuid().ToString("N");

        var deposit = await fixture.Account(username).ApplyExternalAsync(new ExternalMovement(MovementKind.Deposit, 10, requestId));
        var again = await fixture.Account(username).ApplyExternalAsync(new ExternalMovement(MovementKind.Deposit, 10, requestId));
        var withdrawal = await fixture.Account(username).ApplyExternalAsync(new ExternalMovement(MovementKind.Withdrawal, 10, requestId));

        Assert.Equal((AccountResult.Ok, AccountResult.Ok, AccountResult.OperationIdConflict), (deposit, again, withdrawal));
        Assert.Equal(110, await fixture.BalanceAsync(username));
    }

    [Fact]
    public async Task ExternalMovement_AnEdgeMadeRequestId_IsNeverTheClientsIdOfTheSameText()
    {
        var username = await fixture.OpenAccountAsync(100);
        var edgeMade = RequestIds.NewForUnnamedRequest();

        Assert.True(edgeMade.Length > RequestIds.ClientLengthMax && RequestIds.IsEdgeMade(edgeMade));
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyExternalAsync(new ExternalMovement(MovementKind.Deposit, 10, edgeMade)));
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyExternalAsync(new ExternalMovement(MovementKind.Deposit, 10, edgeMade)));
        Assert.Equal(AccountResult.Ok, await fixture.Account(username).ApplyExternalAsync(new ExternalMovement(MovementKind.Deposit, 10, edgeMade[..RequestIds.ClientLengthMax])));
        Assert.Equal(120, await fixture.BalanceAsync(username));
    }
}
