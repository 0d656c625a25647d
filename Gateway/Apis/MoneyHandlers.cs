using PaySim.Grains.Interfaces;

namespace PaySim.Gateway.Apis;

/// <summary>
/// Handlers of 充值, 提现 and 主动转账. Each accepts an optional <c>requestId</c>: a retried request with the same id is
/// applied once and answers as the first did. 提现 and 主动转账 accept an optional <c>password</c>, checked when sent
/// (the seed's tables carry none, so it cannot be required without breaking seed clients). Without a <c>requestId</c>
/// the edge names the request itself (<see cref="RequestIds"/>: longer than any client's id, so no client can spell it),
/// once per HTTP request, so that its own repeats of the call (<see cref="GrainCalls"/>)
/// are recognised and apply the money at most once.
/// </summary>
public static class MoneyHandlers
{
    public static Task<IResult> DepositAsync(PaySimRequest request, PaySimServices services) =>
        ApplyAsync(request, services, MovementKind.Deposit, SeedResult.DepositSucceeded, SeedResult.DepositFailed);

    public static Task<IResult> WithdrawAsync(PaySimRequest request, PaySimServices services) =>
        ApplyAsync(request, services, MovementKind.Withdrawal, SeedResult.WithdrawalSucceeded, SeedResult.WithdrawalFailed);

    public static async Task<IResult> TransferAsync(PaySimRequest request, PaySimServices services)
    {
        var source = request.RequiredString(Fields.Source, Fields.UsernameLengthMax);
        var target = request.RequiredString(Fields.Target, Fields.UsernameLengthMax);
        var amountFen = request.RequiredInteger(Fields.Sum);
        var password = request.OptionalString(Fields.Password, Fields.PasswordLengthMax);
        var requestId = request.OptionalString(Fields.RequestId, Fields.RequestIdLengthMax);
        if (request.Error is { } error)
        {
            return error;
        }

        var transferId = requestId ?? RequestIds.NewForUnnamedRequest();
        var transfer = new TransferRequest(source, target, amountFen, password);
        var result = await services.Calls.RepeatableAsync(() => services.Grains.ByKey<ITransferGrain>(transferId).ExecuteAsync(transfer));
        return result == TransferResult.Ok
            ? Replies.Success(SeedResult.TransferSucceeded)
            : Replies.Failure(SeedResult.TransferFailed, Reasons.Of(result));
    }

    private static async Task<IResult> ApplyAsync(
        PaySimRequest request, PaySimServices services, MovementKind kind, SeedResult succeeded, SeedResult failed)
    {
        var username = request.RequiredString(Fields.Username, Fields.UsernameLengthMax);
        var amountFen = request.RequiredInteger(Fields.Sum);
        var password = kind.IsDebit() ? request.OptionalString(Fields.Password, Fields.PasswordLengthMax) : null;
        var requestId = request.OptionalString(Fields.RequestId, Fields.RequestIdLengthMax);
        if (request.Error is { } error)
        {
            return error;
        }

        // The account names the operation from the request id (docs/api.md, "Retries"); a request without one gets a
        // fresh id here, so a repeat after a lost answer is recognised (at the cost of a ledger look-up per request).
        var movement = new ExternalMovement(kind, amountFen, requestId ?? RequestIds.NewForUnnamedRequest(), password);
        var result = await services.Calls.RepeatableAsync(() => services.Grains.ByKey<IAccountGrain>(username).ApplyExternalAsync(movement));
        return result == AccountResult.Ok ? Replies.Success(succeeded) : Replies.Failure(failed, Reasons.Of(result));
    }
}
